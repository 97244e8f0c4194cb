package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
    private static final String AMAZON = """
            {"reviewerID": "A1", "asin": "B01", "overall": 5.0, "unixReviewTime": 1400000000, "reviewText": "ok"}
            {"reviewerID": "A2", "asin": "B01", "overall": 2.0, "unixReviewTime": 1400000100}

            {"reviewerID": "A1", "asin": "B02", "overall": "4", "unixReviewTime": "1400000200"}
            """;

    @TempDir
    Path dir;

    private static void assertAmazon(InteractionLog log) {
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.users().ids()).containsExactly("A1", "A2");
        assertThat(log.items().ids()).containsExactly("B01", "B02");
        assertThat(log.rating(0)).isEqualTo(5f);
        assertThat(log.rating(2)).isEqualTo(4f);
        assertThat(log.timestamp(1)).isEqualTo(1400000100L);
        assertThat(log.timestamp(2)).isEqualTo(1400000200L);
    }

    @Test
    void readsAmazonReviewsPlainAndGzipped() throws Exception {
        JsonLinesReader reader = new JsonLinesReader(JsonFields.AMAZON);
        assertAmazon(reader.read(TestData.write(dir, "reviews.jsonl", AMAZON)));
        assertAmazon(reader.read(TestData.writeGzip(dir, "reviews.json.gz", AMAZON)));
        // gzip is told by its magic bytes, not the name
        assertAmazon(reader.read(TestData.writeGzip(dir, "reviews-renamed.jsonl", AMAZON)));
    }

    @Test
    void ratingThresholdMakesImplicitFeedback() throws Exception {
        InteractionLog log = new JsonLinesReader(JsonFields.AMAZON).read(TestData.write(dir, "r.jsonl", AMAZON)).withMinRating(4.0);
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.compact().users().ids()).containsExactly("A1");
    }

    @Test
    void configurableFieldsNumericIdsAndJsonPointers() throws Exception {
        Path f = TestData.write(dir, "c.jsonl", "{\"u\": {\"id\": 7}, \"item\": 12, \"stars\": 3}\n");
        JsonFields fields = JsonFields.parse("user=/u/id,item=item,rating=stars,timestamp=-");
        assertThat(fields).isEqualTo(new JsonFields("/u/id", "item", "stars", null));
        InteractionLog log = new JsonLinesReader(fields).read(f);
        assertThat(log.users().ids()).containsExactly("7");
        assertThat(log.items().ids()).containsExactly("12");
        assertThat(log.rating(0)).isEqualTo(3f);
        assertThat(log.hasTimestamps()).isFalse();
    }

    @Test
    void missingFieldNamesTheLineAndTheField() throws Exception {
        Path f = TestData.write(dir, "m.jsonl", "{\"reviewerID\": \"A1\", \"asin\": \"B1\", \"overall\": 5, \"unixReviewTime\": 1}\n"
                + "{\"reviewerID\": \"A2\", \"overall\": 5, \"unixReviewTime\": 1}\n");
        assertThatThrownBy(() -> new JsonLinesReader(JsonFields.AMAZON).read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":2: missing field 'asin'");
    }

    @Test
    void invalidJsonAndBadValuesAreErrors() throws Exception {
        JsonLinesReader reader = new JsonLinesReader(new JsonFields("u", "i", "r", null));
        Path broken = TestData.write(dir, "b.jsonl", "{\"u\": 1, \"i\": 2, \"r\": 1}\n{\"u\": 1,\n");
        assertThatThrownBy(() -> reader.read(broken)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(broken + ":2: invalid JSON");
        Path array = TestData.write(dir, "a.jsonl", "[1, 2]\n");
        assertThatThrownBy(() -> reader.read(array)).isInstanceOf(DataFormatException.class)
                .hasMessage(array + ":1: expected a JSON object");
        Path rating = TestData.write(dir, "r.jsonl", "{\"u\": 1, \"i\": 2, \"r\": \"five\"}\n");
        assertThatThrownBy(() -> reader.read(rating)).isInstanceOf(DataFormatException.class)
                .hasMessage(rating + ":1: rating 'five' is not a number (is the first line a header?)");
        Path objectId = TestData.write(dir, "o.jsonl", "{\"u\": {\"a\": 1}, \"i\": 2, \"r\": 1}\n");
        assertThatThrownBy(() -> reader.read(objectId)).isInstanceOf(DataFormatException.class)
                .hasMessage(objectId + ":1: field 'u' is not an id: {\"a\":1}");
    }

    @Test
    void invalidFieldMappingsAreRejected() {
        assertThatThrownBy(() -> JsonFields.parse("user=-")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid user field name: 'null'");
        assertThatThrownBy(() -> JsonFields.parse("who=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON field key: 'who' (expected user, item, rating or timestamp)");
        assertThatThrownBy(() -> JsonFields.parse("user")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON field mapping: 'user' (expected key=field)");
        assertThat(JsonFields.parse("")).isEqualTo(JsonFields.AMAZON);
    }
}
