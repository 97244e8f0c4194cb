package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesTheSameSplit() throws Exception {
        InteractionLog log = PaperSplitterTest.randomLog(30, 50, 12, 4);
        Dataset d = PaperSplitter.CITEULIKE.split(log, 1);
        Path out = dir.resolve("split");
        SplitDirectory.write(d, out);
        assertThat(SplitDirectory.isSplitDirectory(out)).isTrue();
        Dataset back = SplitDirectory.read(out);
        assertThat(back.name()).isEqualTo("split");
        assertThat(TestData.pairs(back, back.train())).isEqualTo(TestData.pairs(d, d.train()));
        assertThat(TestData.pairs(back, back.valid())).isEqualTo(TestData.pairs(d, d.valid()));
        assertThat(TestData.pairs(back, back.test())).isEqualTo(TestData.pairs(d, d.test()));
        assertThat(Files.readAllLines(out.resolve(SplitDirectory.TRAIN)).get(0)).matches("u\\d+\\ti\\d+");
    }

    @Test
    void denseNumericIdsSurviveARoundTripExactly() throws Exception {
        Interactions train = Interactions.of(2, 3, new int[] {0, 1}, new int[] {0, 1});
        Interactions test = Interactions.of(2, 3, new int[] {0}, new int[] {2});
        Dataset d = new Dataset("n", IdMap.range(2), IdMap.range(3), train, Interactions.empty(2, 3), test);
        SplitDirectory.write(d, dir);
        Dataset back = SplitDirectory.read(dir);
        assertThat(back.users()).isEqualTo(d.users());
        assertThat(back.items()).isEqualTo(d.items());
        assertThat(back.train()).isEqualTo(train);
        assertThat(back.test()).isEqualTo(test);
        assertThat(back.fingerprint()).isEqualTo(d.fingerprint());
    }

    @Test
    void missingValidationIsEmptyButMissingTestIsAnError() throws Exception {
        TestData.write(dir, "train.txt", "0\t0\n1\t1\n");
        TestData.write(dir, "test.txt", "0\t1\n");
        assertThat(SplitDirectory.read(dir).valid().size()).isZero();
        Files.delete(dir.resolve("test.txt"));
        assertThat(SplitDirectory.isSplitDirectory(dir)).isFalse();
        assertThatThrownBy(() -> SplitDirectory.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("test.txt") + ": file not found");
    }

    @Test
    void lineWithOneFieldIsAnError() throws Exception {
        Path train = TestData.write(dir, "train.txt", "0\t0\n7\n");
        TestData.write(dir, "test.txt", "0\t1\n");
        assertThatThrownBy(() -> SplitDirectory.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage(train + ":2: expected 'user item', found one field '7'");
    }
}
