package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class KdsSplitterTest {

    /** A log of users "u1" .. "uN" where user uN has N items, listed in descending item order. */
    private static InteractionLog usersWithOneToMaxItems(int max) {
        List<String> pairs = new ArrayList<>();
        for (int n = 1; n <= max; n++) {
            for (int i = n - 1; i >= 0; i--) {
                pairs.add("u" + n + ":i" + i);
            }
        }
        return TestData.log(pairs.toArray(String[]::new));
    }

    @Test
    void partSizesRoundDownAsTheKdsScript() {
        KdsSplitter s = KdsSplitter.DEFAULT;
        // train = max(floor(0.8 n), 1), validation ends at max(floor(0.9 n), train), test is the rest
        assertThat(s.partSizes(1)).containsExactly(1, 0, 0);
        assertThat(s.partSizes(2)).containsExactly(1, 0, 1);
        assertThat(s.partSizes(4)).containsExactly(3, 0, 1);
        assertThat(s.partSizes(5)).containsExactly(4, 0, 1);
        assertThat(s.partSizes(6)).containsExactly(4, 1, 1);
        assertThat(s.partSizes(9)).containsExactly(7, 1, 1);
        assertThat(s.partSizes(10)).containsExactly(8, 1, 1);
        assertThat(s.partSizes(11)).containsExactly(8, 1, 2);
        assertThat(s.partSizes(20)).containsExactly(16, 2, 2);
        assertThat(s.partSizes(29)).containsExactly(23, 3, 3);
        assertThat(new KdsSplitter(7, 0, 3, KdsSplitter.Order.RANDOM).partSizes(10)).containsExactly(7, 0, 3);
        assertThatThrownBy(() -> s.partSizes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid number of items: 0");
    }

    @Test
    void everyUserIsCutIntoTheDocumentedCountsAndEveryPairLandsInOnePart() {
        InteractionLog log = usersWithOneToMaxItems(12);
        Dataset d = KdsSplitter.DEFAULT.split(log, 7);
        Interactions all = log.toInteractions();
        assertThat(d.train().size() + d.valid().size() + d.test().size()).isEqualTo(all.size());
        for (int u = 0; u < d.numUsers(); u++) {
            int n = all.userDegree(u);
            assertThat(new int[] {d.train().userDegree(u), d.valid().userDegree(u), d.test().userDegree(u)})
                    .as("user with %d items", n).containsExactly(KdsSplitter.DEFAULT.partSizes(n));
            for (int i : all.itemsOf(u)) {
                int parts = (d.train().contains(u, i) ? 1 : 0) + (d.valid().contains(u, i) ? 1 : 0) + (d.test().contains(u, i) ? 1 : 0);
                assertThat(parts).isEqualTo(1);
            }
        }
        // 12 users with 1..12 items: 78 pairs, 58 / 7 / 13 by the table above
        assertThat(d.train().size()).isEqualTo(1 + 1 + 2 + 3 + 4 + 4 + 5 + 6 + 7 + 8 + 8 + 9);
        assertThat(d.valid().size()).isEqualTo(0 + 0 + 0 + 0 + 0 + 1 + 1 + 1 + 1 + 1 + 1 + 1);
        assertThat(d.test().size()).isEqualTo(0 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 2 + 2);
    }

    @Property(tries = 30)
    void countsHoldOnRandomLogs(@ForAll @IntRange(min = 1, max = 40) int numUsers, @ForAll @IntRange(min = 1, max = 30) int maxItems,
            @ForAll long seed) {
        InteractionLog log = PaperSplitterTest.randomLog(numUsers, 40, maxItems, seed);
        Dataset d = KdsSplitter.DEFAULT.split(log, seed);
        Interactions all = log.toInteractions();
        assertThat(d.train().size() + d.valid().size() + d.test().size()).isEqualTo(all.size());
        for (int u = 0; u < d.numUsers(); u++) {
            assertThat(new int[] {d.train().userDegree(u), d.valid().userDegree(u), d.test().userDegree(u)})
                    .containsExactly(KdsSplitter.DEFAULT.partSizes(all.userDegree(u)));
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplitAndIndependentOfRowOrder() {
        InteractionLog log = PaperSplitterTest.randomLog(50, 80, 25, 11);
        Dataset a = KdsSplitter.DEFAULT.split(log, 42);
        assertThat(KdsSplitter.DEFAULT.split(log, 42)).isEqualTo(a);
        Dataset other = KdsSplitter.DEFAULT.split(log, 43);
        assertThat(other.test()).isNotEqualTo(a.test());
        assertThat(other.train().size()).isEqualTo(a.train().size());
        int[] reversed = new int[log.size()];
        for (int k = 0; k < log.size(); k++) {
            reversed[k] = log.size() - 1 - k;
        }
        Dataset fromReversed = KdsSplitter.DEFAULT.split(log.selectRows(reversed), 42);
        assertThat(TestData.pairs(fromReversed, fromReversed.test())).isEqualTo(TestData.pairs(a, a.test()));
    }

    @Test
    void fileOrderCutsEachUsersRowsAsListedAndIgnoresTheSeed() {
        // one user with 10 items listed i9 .. i0: the first 8 train, i1 validates, i0 is tested
        KdsSplitter inFileOrder = new KdsSplitter(8, 1, 1, KdsSplitter.Order.FILE);
        InteractionLog log = usersWithOneToMaxItems(10).selectRows(rowsOfLastUser(10));
        Dataset d = inFileOrder.split(log, 1);
        assertThat(TestData.pairs(d, d.valid())).containsExactly("u10:i1");
        assertThat(TestData.pairs(d, d.test())).containsExactly("u10:i0");
        assertThat(inFileOrder.split(log, 99)).isEqualTo(d);
    }

    /** The rows of user uN in {@link #usersWithOneToMaxItems}: the last N rows. */
    private static int[] rowsOfLastUser(int n) {
        int total = n * (n + 1) / 2;
        int[] rows = new int[n];
        for (int k = 0; k < n; k++) {
            rows[k] = total - n + k;
        }
        return rows;
    }

    @Test
    void duplicatesAreDroppedBeforeSplitting() {
        Dataset d = KdsSplitter.DEFAULT.split(TestData.log("a:x", "a:y", "a:x", "a:y", "a:x"), 5);
        assertThat(d.train().size()).isEqualTo(1);
        assertThat(d.test().size()).isEqualTo(1);
    }

    @Test
    void badWeightsAreRejected() {
        assertThatThrownBy(() -> new KdsSplitter(0, 1, 1, KdsSplitter.Order.RANDOM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid split ratios 0/1/1 (train and test weights must be at least 1, validation at least 0)");
        assertThatThrownBy(() -> new KdsSplitter(8, -1, 1, KdsSplitter.Order.RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KdsSplitter(8, 1, 1, null)).isInstanceOf(NullPointerException.class);
    }
}
