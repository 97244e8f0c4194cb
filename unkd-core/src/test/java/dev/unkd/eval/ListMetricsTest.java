package dev.unkd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.testing.TestData;
import org.junit.jupiter.api.Test;

/** Known answers of every per-list metric on tiny hand-ranked lists. */
class ListMetricsTest {
    private static final int N = PopularityGroups.NONE;
    // user 0 holds out {1, 4, 7}; user 1 holds out nothing
    private static final Interactions HELD = TestData.of(2, 10, new int[][] {{0, 1}, {0, 4}, {0, 7}});
    // groups: items 0-2 -> 0, 3-5 -> 1, 6-8 -> 2, item 9 in none
    private static final PopularityGroups GROUPS = PopularityGroups.of(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, N}, new int[10]);

    /** Ranks 0..4: 4 (hit), 2, 7 (hit), 9, 1 (hit). */
    private static JudgedList list(int... items) {
        return new JudgedList(HELD).judge(0, items);
    }

    @Test
    void judgingMarksTheHeldOutPositions() {
        JudgedList l = list(4, 2, 7, 9, 1);
        assertThat(l.user()).isZero();
        assertThat(l.length()).isEqualTo(5);
        assertThat(new boolean[] {l.relevant(0), l.relevant(1), l.relevant(2), l.relevant(3), l.relevant(4)})
                .containsExactly(true, false, true, false, true);
        assertThat(l.relevantCount()).isEqualTo(3);
        // reused for a shorter list: only the new positions count
        assertThat(l.judge(0, new int[] {2}).length()).isEqualTo(1);
        assertThat(l.relevant(0)).isFalse();
    }

    @Test
    void recallDividesHitsByHeldOutItems() {
        assertThat(new Recall(3).evaluate(list(4, 2, 7, 9, 1))).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(new Recall(5).evaluate(list(4, 2, 7, 9, 1))).isEqualTo(1.0);
        assertThat(new Recall(20).evaluate(list(2, 9))).isEqualTo(0.0);
    }

    @Test
    void precisionDividesHitsByKEvenForShortLists() {
        assertThat(new Precision(3).evaluate(list(4, 2, 7, 9, 1))).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(new Precision(10).evaluate(list(4, 2, 7, 9, 1))).isCloseTo(0.3, within(1e-15));
    }

    @Test
    void ndcgUsesBinaryGainsAndTheIdealOfMinKAndHeldOut() {
        double log2of3 = Math.log(3) / Math.log(2);
        // DCG@3 = 1/log2(2) + 1/log2(4) = 1.5; IDCG over min(3, 3) = 3 hits = 1 + 1/log2(3) + 1/2
        assertThat(new Ndcg(3).evaluate(list(4, 2, 7, 9, 1))).isCloseTo(1.5 / (1.5 + 1 / log2of3), within(1e-15));
        // IDCG@2 over 2 ideal hits: 1 + 1/log2(3); the hit at rank 1 gains 1/log2(3)
        assertThat(new Ndcg(2).evaluate(list(2, 1))).isCloseTo((1 / log2of3) / (1 + 1 / log2of3), within(1e-15));
        assertThat(new Ndcg(3).evaluate(list(1, 4, 7))).isEqualTo(1.0);
    }

    @Test
    void hitAndReciprocalRankLookAtTheFirstHit() {
        assertThat(new Hit(1).evaluate(list(2, 7))).isEqualTo(0.0);
        assertThat(new Hit(2).evaluate(list(2, 7))).isEqualTo(1.0);
        assertThat(new ReciprocalRank(1).evaluate(list(2, 7))).isEqualTo(0.0);
        assertThat(new ReciprocalRank(5).evaluate(list(2, 9, 7, 1))).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(new ReciprocalRank(5).evaluate(list())).isEqualTo(0.0);
    }

    @Test
    void groupRecallCountsOnlyItsGroupAndIsUndefinedWithoutHeldOutItemsThere() {
        JudgedList l = list(4, 2, 7, 9, 1);
        // held out per group: g0 {1}, g1 {4}, g2 {7}; top 3 [4, 2, 7] hits 4 (g1) and 7 (g2)
        assertThat(new GroupRecall(GROUPS, 0, 3).evaluate(l)).isEqualTo(0.0);
        assertThat(new GroupRecall(GROUPS, 1, 3).evaluate(l)).isEqualTo(1.0);
        assertThat(new GroupRecall(GROUPS, 2, 3).evaluate(l)).isEqualTo(1.0);
        assertThat(new GroupRecall(GROUPS, 0, 5).evaluate(l)).isEqualTo(1.0);
        assertThat(new GroupRecall(GROUPS, 3, 3).evaluate(l)).isNaN();
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> new Recall(0)).hasMessageContaining("Invalid k: 0");
        assertThatThrownBy(() -> new GroupRecall(GROUPS, -1, 3)).hasMessageContaining("Invalid group: -1");
        assertThatThrownBy(() -> new JudgedList(HELD).judge(1, new int[] {0})).hasMessageContaining("user 1 has no held-out items");
    }
}
