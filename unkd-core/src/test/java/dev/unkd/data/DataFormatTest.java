package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DataFormatTest {

    @Test
    void parsesEveryCommandLineName() {
        assertThat(DataFormat.names()).isEqualTo("citeulike|pairs|userlines|movielens|jsonl|csv");
        for (DataFormat f : DataFormat.values()) {
            assertThat(DataFormat.parse(f.formatName())).isEqualTo(f);
        }
        assertThat(DataFormat.parse(" JSONL ")).isEqualTo(DataFormat.JSONL);
        assertThatThrownBy(() -> DataFormat.parse("parquet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid data format: 'parquet' (expected citeulike|pairs|userlines|movielens|jsonl|csv)");
    }

    @Test
    void detectsFormatsFromFileNames() {
        assertThat(DataFormat.detect(Path.of("data/users.dat"))).isEqualTo(DataFormat.CITEULIKE);
        assertThat(DataFormat.detect(Path.of("ml/ratings.csv"))).isEqualTo(DataFormat.MOVIELENS);
        assertThat(DataFormat.detect(Path.of("ml/ratings.dat"))).isEqualTo(DataFormat.MOVIELENS);
        assertThat(DataFormat.detect(Path.of("ml-100k/u.data"))).isEqualTo(DataFormat.MOVIELENS);
        assertThat(DataFormat.detect(Path.of("Apps_5.json.gz"))).isEqualTo(DataFormat.JSONL);
        assertThat(DataFormat.detect(Path.of("r.jsonl"))).isEqualTo(DataFormat.JSONL);
        assertThat(DataFormat.detect(Path.of("clicks.csv"))).isEqualTo(DataFormat.CSV);
        assertThat(DataFormat.detect(Path.of("train.txt"))).isEqualTo(DataFormat.PAIRS);
    }

    @Test
    void readersMatchTheirFormats() {
        assertThat(DataFormat.CITEULIKE.reader(LoadOptions.DEFAULT_CSV, JsonFields.AMAZON)).isInstanceOf(CiteULikeReader.class);
        assertThat(DataFormat.USERLINES.reader(LoadOptions.DEFAULT_CSV, JsonFields.AMAZON)).isInstanceOf(UserLinesReader.class);
        assertThat(DataFormat.MOVIELENS.reader(LoadOptions.DEFAULT_CSV, JsonFields.AMAZON)).isInstanceOf(MovieLensReader.class);
        assertThat(((DelimitedReader) DataFormat.PAIRS.reader(LoadOptions.DEFAULT_CSV, JsonFields.AMAZON)).format())
                .isEqualTo(DelimitedFormat.PAIRS);
        DelimitedFormat tsv = DelimitedFormat.parse("user,item", "tab", false);
        assertThat(((DelimitedReader) DataFormat.CSV.reader(tsv, JsonFields.AMAZON)).format()).isEqualTo(tsv);
        JsonFields fields = JsonFields.parse("user=u");
        assertThat(((JsonLinesReader) DataFormat.JSONL.reader(tsv, fields)).fields()).isEqualTo(fields);
    }
}
