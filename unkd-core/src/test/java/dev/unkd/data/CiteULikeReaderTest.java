package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiteULikeReaderTest {
    @TempDir
    Path dir;

    @Test
    void lineNumberIsTheUserAndItemsKeepTheirIds() throws Exception {
        Path f = TestData.write(dir, "users.dat", "2 10 20\n\n3 20 30 007\n1 10");
        InteractionLog log = new CiteULikeReader().read(f);
        assertThat(log.size()).isEqualTo(6);
        assertThat(log.users().ids()).containsExactly("0", "2", "3"); // line 2 (user 1) is empty
        assertThat(log.items().ids()).containsExactly("10", "20", "30", "7");
        assertThat(log.users().id(log.user(5))).isEqualTo("3");
        assertThat(log.items().id(log.item(5))).isEqualTo("10");
        assertThat(log.source()).isEqualTo(f.toString());
    }

    @Test
    void countThatDoesNotMatchTheItemsIsAnErrorNamingTheLine() throws Exception {
        Path f = TestData.write(dir, "users.dat", "2 10 20\n3 10 20\n");
        assertThatThrownBy(() -> new CiteULikeReader().read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":2: item count 3 does not match the 2 items on the line")
                .satisfies(e -> assertThat(((DataFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void nonNumericItemIsAnError() throws Exception {
        Path f = TestData.write(dir, "users.dat", "1 10\n2 10 abc\n");
        assertThatThrownBy(() -> new CiteULikeReader().read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":2: item id 'abc' is not a non-negative integer");
    }

    @Test
    void nonNumericCountIsAnError() throws Exception {
        Path f = TestData.write(dir, "users.dat", "x 10\n");
        assertThatThrownBy(() -> new CiteULikeReader().read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":1: item count 'x' is not a non-negative integer");
    }

    @Test
    void missingFileIsADataFormatError() {
        Path f = dir.resolve("nope.dat");
        assertThatThrownBy(() -> new CiteULikeReader().read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ": file not found");
    }
}
