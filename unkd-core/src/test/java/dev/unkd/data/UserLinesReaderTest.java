package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserLinesReaderTest {
    @TempDir
    Path dir;

    @Test
    void itemsOfALineGetIncreasingTimestamps() throws Exception {
        Path f = TestData.write(dir, "u.txt", "# user items\nalice x y z\nbob\ty\n\nalice w\ncarol\n");
        InteractionLog log = new UserLinesReader().read(f);
        assertThat(log.size()).isEqualTo(5);
        assertThat(log.users().ids()).containsExactly("alice", "bob"); // carol has no items
        assertThat(log.items().ids()).containsExactly("x", "y", "z", "w");
        assertThat(log.hasTimestamps()).isTrue();
        for (int k = 1; k < log.size(); k++) {
            assertThat(log.timestamp(k)).isGreaterThan(log.timestamp(k - 1));
        }
        // leave-one-out "latest" holds out the last item met: alice's w, and bob keeps his only item
        Dataset d = new LeaveOneOutSplitter(LeaveOneOutSplitter.Mode.LATEST, false).split(log, 1);
        assertThat(TestData.pairs(d, d.test())).containsExactly("alice:w");
    }
}
