package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReaderTest {
    @TempDir
    Path dir;

    private static void assertTwoRatings(InteractionLog log) {
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.users().ids()).containsExactly("1", "2");
        assertThat(log.items().ids()).containsExactly("31", "1029");
        assertThat(log.rating(0)).isEqualTo(2.5f);
        assertThat(log.timestamp(1)).isEqualTo(1260759179L);
    }

    @Test
    void readsRatingsCsvWithHeaderAndCrlf() throws Exception {
        Path f = TestData.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n2,1029,3.0,1260759179\r\n");
        assertTwoRatings(new MovieLensReader().read(f));
    }

    @Test
    void readsRatingsDat() throws Exception {
        Path f = TestData.write(dir, "ratings.dat", "1::31::2.5::1260759144\n2::1029::3::1260759179\n");
        assertTwoRatings(new MovieLensReader().read(f));
    }

    @Test
    void readsUData() throws Exception {
        Path f = TestData.write(dir, "u.data", "1\t31\t2.5\t1260759144\n2\t1029\t3\t1260759179\n");
        assertTwoRatings(new MovieLensReader().read(f));
    }

    @Test
    void badRatingNamesTheLine() throws Exception {
        Path f = TestData.write(dir, "u.data", "1\t31\t2.5\t1260759144\n2\t1029\tx\t1260759179\n");
        assertThatThrownBy(() -> new MovieLensReader().read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":2: rating 'x' is not a number");
    }

    @Test
    void unknownLayoutAndEmptyFileAreErrors() throws Exception {
        Path f = TestData.write(dir, "ratings.dat", "\n1 31 2.5 1260759144\n");
        assertThatThrownBy(() -> new MovieLensReader().read(f)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f + ":2: not a MovieLens ratings line");
        Path empty = TestData.write(dir, "empty.csv", "");
        assertThatThrownBy(() -> new MovieLensReader().read(empty)).isInstanceOf(DataFormatException.class)
                .hasMessage(empty + ": empty file, expected MovieLens ratings");
    }
}
