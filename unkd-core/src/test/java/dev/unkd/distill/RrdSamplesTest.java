package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Interactions;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RRD's interesting and uninteresting items: where they come from, their order and counts. */
class RrdSamplesTest {
    private static final int USERS = 30;
    private static final int ITEMS = 60;
    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 8, 41);
    private final Scorer teacher = DistillFixtures.randomEmbeddings(USERS, ITEMS, 6, 1, 42).scorer();
    private final ChunkedExecutor one = new ChunkedExecutor(1);

    @Test
    void interestingItemsComeFromTheTopListInRankOrderAndUninterestingOnesFromOutsideIt() {
        TeacherRanking top = TeacherRanking.plain(teacher, train, 15, one);
        RrdSamples s = RrdSamples.draw(top, train, 6, 10, new ExponentialRankLaw(5), 3, one);
        for (int u = 0; u < USERS; u++) {
            int[] list = top.list(u, 0);
            int[] interesting = s.interesting(u);
            assertThat(interesting).hasSize(6).doesNotHaveDuplicates();
            int last = -1;
            for (int item : interesting) {
                int rank = indexOf(list, item);
                assertThat(rank).as("user %d item %d in the top list", u, item).isGreaterThan(last);
                last = rank;
            }
            Set<Integer> topSet = new HashSet<>();
            for (int item : list) {
                topSet.add(item);
            }
            int[] uninteresting = s.uninteresting(u);
            assertThat(uninteresting).hasSize(10).doesNotHaveDuplicates();
            for (int item : uninteresting) {
                assertThat(topSet).doesNotContain(item);
                assertThat(train.contains(u, item)).isFalse();
            }
        }
        // the same seed draws the same samples, whatever the thread count
        RrdSamples again = RrdSamples.draw(top, train, 6, 10, new ExponentialRankLaw(5), 3, new ChunkedExecutor(2));
        for (int u = 0; u < USERS; u++) {
            assertThat(again.interesting(u)).isEqualTo(s.interesting(u));
            assertThat(again.uninteresting(u)).isEqualTo(s.uninteresting(u));
        }
    }

    @Test
    void shortListsAndSmallPoolsGiveFewerItems() {
        // a top list of 40 + up to 8 positives leaves 12 to 20 items for 30 uninteresting draws
        TeacherRanking top = TeacherRanking.plain(teacher, train, 40, one);
        RrdSamples s = RrdSamples.draw(top, train, 40, 30, new ExponentialRankLaw(30), 4, one);
        for (int u = 0; u < USERS; u++) {
            assertThat(s.interestingCount(u)).isEqualTo(top.length(u, 0));
            assertThat(s.uninterestingCount(u)).isEqualTo(ITEMS - train.userDegree(u) - top.length(u, 0));
            assertThat(s.interesting(u)).isEqualTo(top.list(u, 0)); // all ranks drawn: the whole list in order
        }
    }

    @Test
    void betterRanksAreDrawnMoreOften() {
        TeacherRanking top = TeacherRanking.plain(teacher, train, 20, one);
        int[] firstCount = new int[20];
        for (int seed = 0; seed < 200; seed++) {
            RrdSamples s = RrdSamples.draw(top, train, 3, 1, new ExponentialRankLaw(4), seed, one);
            for (int u = 0; u < USERS; u++) {
                int[] list = top.list(u, 0);
                for (int item : s.interesting(u)) {
                    firstCount[indexOf(list, item)]++;
                }
            }
        }
        assertThat(firstCount[0]).isGreaterThan(firstCount[5]);
        assertThat(firstCount[5]).isGreaterThan(firstCount[15]);
    }

    private static int indexOf(int[] a, int v) {
        for (int k = 0; k < a.length; k++) {
            if (a[k] == v) {
                return k;
            }
        }
        return -1;
    }
}
