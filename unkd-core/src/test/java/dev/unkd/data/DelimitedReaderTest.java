package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.unkd.data.DelimitedFormat.Column;

class DelimitedReaderTest {
    @TempDir
    Path dir;

    @Test
    void pairFilesSkipBlankLinesAndCommentsAndIgnoreExtraColumns() throws Exception {
        Path f = TestData.write(dir, "pairs.txt", "# user item\nu1 i1\n\nu1\ti2 extra 5\n  u2   i1  \n");
        InteractionLog log = new DelimitedReader(DelimitedFormat.PAIRS).read(f);
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.users().ids()).containsExactly("u1", "u2");
        assertThat(log.items().ids()).containsExactly("i1", "i2");
        assertThat(log.hasRatings()).isFalse();
    }

    @Test
    void pairLineWithOneFieldIsAnError() throws Exception {
        Path f = TestData.write(dir, "pairs.txt", "u1 i1\nu2\n");
        assertThatThrownBy(() -> new DelimitedReader(DelimitedFormat.PAIRS).read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":2: expected at least 2 fields ([USER, ITEM]), found 1 in 'u2'");
    }

    @Test
    void csvWithHeaderSkippedColumnsRatingAndTimestamp() throws Exception {
        Path f = TestData.write(dir, "r.csv", "id,user,item,score,when\n1,a,x,4.5,100\r\n2,b,x,2,200.9\n");
        DelimitedFormat format = DelimitedFormat.parse("-,user,item,rating,timestamp", "comma", true);
        assertThat(format.columns()).containsExactly(Column.SKIP, Column.USER, Column.ITEM, Column.RATING, Column.TIMESTAMP);
        InteractionLog log = new DelimitedReader(format).read(f);
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.rating(0)).isEqualTo(4.5f);
        assertThat(log.timestamp(0)).isEqualTo(100);
        assertThat(log.rating(1)).isEqualTo(2f);
        assertThat(log.timestamp(1)).isEqualTo(200); // decimal seconds truncated
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterAndQuotes() throws Exception {
        Path f = TestData.write(dir, "q.csv", "\"Smith, J\",\"say \"\"hi\"\"\"\nplain,x\n");
        InteractionLog log = new DelimitedReader(DelimitedFormat.csv("user,item")).read(f);
        assertThat(log.users().ids()).containsExactly("Smith, J", "plain");
        assertThat(log.items().ids()).containsExactly("say \"hi\"", "x");
    }

    @Test
    void unterminatedQuoteIsAnError() throws Exception {
        Path f = TestData.write(dir, "q.csv", "a,x\n\"b,y\n");
        assertThatThrownBy(() -> new DelimitedReader(DelimitedFormat.csv("user,item")).read(f))
                .isInstanceOf(DataFormatException.class).hasMessage(f + ":2: unterminated quoted field");
    }

    @Test
    void otherDelimiters() throws Exception {
        Path tab = TestData.write(dir, "t.tsv", "a\tx y\t3\n");
        InteractionLog log = new DelimitedReader(DelimitedFormat.parse("user,item,rating", "tab", false)).read(tab);
        assertThat(log.items().ids()).containsExactly("x y");
        assertThat(DelimitedFormat.parse("user,item", "\\t", false).delimiter()).isEqualTo("\t");
        Path semi = TestData.write(dir, "s.txt", "a;x;1\n");
        assertThat(new DelimitedReader(DelimitedFormat.parse("user,item,_", "semicolon", false)).read(semi).size()).isEqualTo(1);
        Path colons = TestData.write(dir, "c.dat", "a::x::5::99\n");
        InteractionLog ml = new DelimitedReader(DelimitedFormat.parse("user,item,rating,time", "::", false)).read(colons);
        assertThat(ml.rating(0)).isEqualTo(5f);
        assertThat(ml.timestamp(0)).isEqualTo(99);
        Path spaces = TestData.write(dir, "w.txt", "a  \t x\n");
        assertThat(new DelimitedReader(DelimitedFormat.parse("user,item", "whitespace", false)).read(spaces).items().ids())
                .containsExactly("x");
    }

    @Test
    void nonNumericRatingNamesTheLineAndHintsAtAHeaderOnLineOne() throws Exception {
        DelimitedReader reader = new DelimitedReader(DelimitedFormat.csv("user,item,rating"));
        Path header = TestData.write(dir, "h.csv", "user,item,rating\na,x,4\n");
        assertThatThrownBy(() -> reader.read(header)).isInstanceOf(DataFormatException.class)
                .hasMessage(header + ":1: rating 'rating' is not a number (is the first line a header?)");
        Path bad = TestData.write(dir, "b.csv", "a,x,4\nb,x,good\n");
        assertThatThrownBy(() -> reader.read(bad)).isInstanceOf(DataFormatException.class)
                .hasMessage(bad + ":2: rating 'good' is not a number");
    }

    @Test
    void nonNumericTimestampAndEmptyIdAreErrors() throws Exception {
        Path ts = TestData.write(dir, "t.csv", "a,x,yesterday\n");
        assertThatThrownBy(() -> new DelimitedReader(DelimitedFormat.csv("user,item,timestamp")).read(ts))
                .isInstanceOf(DataFormatException.class).hasMessage(ts + ":1: timestamp 'yesterday' is not a number (is the first line a header?)");
        Path empty = TestData.write(dir, "e.csv", "a,x\n ,y\n");
        assertThatThrownBy(() -> new DelimitedReader(DelimitedFormat.csv("user,item")).read(empty))
                .isInstanceOf(DataFormatException.class).hasMessage(empty + ":2: empty user id");
    }

    @Test
    void gzippedDelimitedFilesAreRead() throws Exception {
        Path f = TestData.writeGzip(dir, "p.txt.gz", "a x\nb y\n");
        assertThat(new DelimitedReader(DelimitedFormat.PAIRS).read(f).size()).isEqualTo(2);
    }

    @Test
    void invalidLayoutsAreRejected() {
        assertThatThrownBy(() -> DelimitedFormat.csv("user,rating")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid columns: [USER, RATING]");
        assertThatThrownBy(() -> DelimitedFormat.csv("user,item,item")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid columns");
        assertThatThrownBy(() -> DelimitedFormat.csv("user,item,score")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid column name: 'score' (expected user, item, rating, timestamp, or - to skip)");
        assertThatThrownBy(() -> DelimitedFormat.parse("user,item", "", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid delimiter: ''");
        assertThat(new DelimitedFormat(List.of(Column.ITEM, Column.SKIP, Column.USER, Column.SKIP), ",", false).requiredFields())
                .isEqualTo(3);
    }
}
