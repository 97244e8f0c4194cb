package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PaperSplitterTest {

    /** A random log: users with 1..maxItems distinct items out of numItems. */
    static InteractionLog randomLog(int numUsers, int numItems, int maxItems, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        InteractionLog.Builder b = new InteractionLog.Builder();
        for (int u = 0; u < numUsers; u++) {
            int n = 1 + r.nextInt(maxItems);
            Set<Integer> items = new HashSet<>();
            while (items.size() < n) {
                items.add(r.nextInt(numItems));
            }
            for (int i : items) {
                b.add("u" + u, "i" + i, Float.NaN, r.nextLong(1000));
            }
        }
        return b.build("random");
    }

    @Property(tries = 30)
    void splitInvariants(@ForAll @IntRange(min = 1, max = 60) int numUsers, @ForAll @IntRange(min = 1, max = 30) int maxItems,
            @ForAll long seed) {
        InteractionLog log = randomLog(numUsers, 40, Math.min(maxItems, 40), seed);
        Dataset d = PaperSplitter.CITEULIKE.split(log, seed);
        Interactions all = log.toInteractions();
        assertThat(d.numUsers()).isEqualTo(log.numUsers());
        assertThat(d.numItems()).isEqualTo(log.numItems());
        assertThat(d.train().size() + d.valid().size() + d.test().size()).isEqualTo(all.size());
        int validUsers = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            int n = all.userDegree(u);
            int held = d.valid().userDegree(u) + d.test().userDegree(u);
            assertThat(held).isEqualTo(Math.min((int) Math.ceil(0.2 * n), n - 1));
            assertThat(d.train().userDegree(u)).isPositive();
            assertThat(d.valid().userDegree(u) == 0 || d.test().userDegree(u) == 0).isTrue();
            for (int i : all.itemsOf(u)) {
                int parts = (d.train().contains(u, i) ? 1 : 0) + (d.valid().contains(u, i) ? 1 : 0) + (d.test().contains(u, i) ? 1 : 0);
                assertThat(parts).isEqualTo(1);
            }
            if (d.valid().userDegree(u) > 0) {
                validUsers++;
            }
        }
        // users drawn for validation = floor(0.2 * users); those with nothing held out do not show
        assertThat(validUsers).isLessThanOrEqualTo((int) Math.floor(0.2 * d.numUsers()));
    }

    @Test
    void holdsOutCeilTwentyPercentAndDrawsFloorTwentyPercentOfUsersForValidation() {
        InteractionLog.Builder b = new InteractionLog.Builder();
        for (int u = 0; u < 100; u++) {
            for (int i = 0; i < 6; i++) { // 6 items: ceil(1.2) = 2 held out
                b.add("u" + u, "i" + (u + i));
            }
        }
        Dataset d = PaperSplitter.CITEULIKE.split(b.build("six"), 3);
        assertThat(d.valid().size() + d.test().size()).isEqualTo(200);
        assertThat(d.valid().activeUsers()).isEqualTo(20);
        assertThat(d.test().activeUsers()).isEqualTo(80);
        assertThat(d.train().size()).isEqualTo(400);
    }

    @Test
    void singleItemUsersOnlyTrain() {
        Dataset d = new PaperSplitter(0.5, 0.0).split(TestData.log("a:x", "b:y", "b:z"), 1);
        assertThat(TestData.pairs(d, d.train())).contains("a:x");
        assertThat(d.train().userDegree(1)).isEqualTo(1);
        assertThat(d.test().size()).isEqualTo(1);
        assertThat(d.valid().size()).isZero();
    }

    @Test
    void deterministicBySeedAndIndependentOfRowOrder() {
        InteractionLog log = randomLog(50, 80, 20, 11);
        Dataset a = PaperSplitter.CITEULIKE.split(log, 42);
        Dataset b = PaperSplitter.CITEULIKE.split(log, 42);
        assertThat(a).isEqualTo(b);
        Dataset other = PaperSplitter.CITEULIKE.split(log, 43);
        assertThat(other.test()).isNotEqualTo(a.test());
        int[] reversed = new int[log.size()];
        for (int k = 0; k < log.size(); k++) {
            reversed[k] = log.size() - 1 - k;
        }
        Dataset shuffled = PaperSplitter.CITEULIKE.split(log.selectRows(reversed), 42);
        assertThat(TestData.pairs(shuffled, shuffled.test())).isEqualTo(TestData.pairs(a, a.test()));
    }

    @Test
    void duplicatesAreDroppedBeforeSplitting() {
        Dataset d = new PaperSplitter(0.5, 0).split(TestData.log("a:x", "a:y", "a:x", "a:x"), 5);
        assertThat(d.train().size() + d.test().size()).isEqualTo(2);
        assertThat(d.train().size()).isEqualTo(1);
    }

    @Test
    void invalidFractionsAreRejected() {
        assertThatThrownBy(() -> new PaperSplitter(1.0, 0.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid hold-out fraction: 1.0");
        assertThatThrownBy(() -> new PaperSplitter(0.2, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid validation user fraction: -0.1");
        assertThatThrownBy(() -> new PaperSplitter(Double.NaN, 0.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid hold-out fraction: NaN");
    }
}
