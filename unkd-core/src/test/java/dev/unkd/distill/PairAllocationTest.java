package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.PopularityGroups;
import org.junit.jupiter.api.Test;

class PairAllocationTest {
    @Test
    void equalSharesFollowTheAuthorsRounding() {
        // round(7.5) = 8 in Python (half to even): 32 pairs, the surplus is kept
        assertThat(PairAllocation.equal(30, 4)).containsExactly(8, 8, 8, 8);
        assertThat(PairAllocation.equal(30, 3)).containsExactly(10, 10, 10);
        // round(6.5) = 6: 24 < 26, the first two groups get one more
        assertThat(PairAllocation.equal(26, 4)).containsExactly(7, 7, 6, 6);
        // round(2.5) = 2: 8 < 10
        assertThat(PairAllocation.equal(10, 4)).containsExactly(3, 3, 2, 2);
        assertThat(PairAllocation.equal(30, 1)).containsExactly(30);
        assertThat(PairAllocation.equal(3, 5)).containsExactly(1, 1, 1, 1, 1); // round(0.6) = 1 each: surplus kept
        assertThat(PairAllocation.equal(2, 5)).containsExactly(1, 1, 0, 0, 0);
    }

    /** Group 0: 2 items of popularity 50; group 1: 4 of 10; group 2: 10 of 2 (mean popularity 50, 10, 2). */
    private static PopularityGroups threeGroups() {
        int[] popularity = new int[16];
        int[] groupOf = new int[16];
        for (int i = 0; i < 16; i++) {
            groupOf[i] = i < 2 ? 0 : i < 6 ? 1 : 2;
            popularity[i] = i < 2 ? 50 : i < 6 ? 10 : 2;
        }
        return PopularityGroups.of(groupOf, popularity);
    }

    @Test
    void popularityRatiosAreTheAuthorsReflectedMeans() {
        // reflected around 50 + 2: 2, 42, 50 over 94 -> 0.0213, 0.4468, 0.5319 -> 0.02 (floored to 0.1), 0.45, 0.53
        assertThat(PairAllocation.popularityRatios(threeGroups())).containsExactly(0.1, 0.45, 0.53);
    }

    @Test
    void ratioExponentShiftsPairsToTheTail() {
        PopularityGroups g = threeGroups();
        assertThat(PairAllocation.byPopularityRatio(30, g, 0)).containsExactly(10, 10, 10);
        // 0.1, 0.45, 0.53 over 1.08: 2.78 -> 3, 12.5 -> 12, 14.72 -> 15
        assertThat(PairAllocation.byPopularityRatio(30, g, 1)).containsExactly(3, 12, 15);
        // squares 0.01, 0.2025, 0.2809 over 0.4934: 0.61 -> 1, 12.31 -> 12, 17.08 -> 17
        assertThat(PairAllocation.byPopularityRatio(30, g, 2)).containsExactly(1, 12, 17);
        UnkdConfig config = UnkdConfig.defaults().withRatioExponent(1);
        assertThat(config.pairsPerGroup(g)).containsExactly(3, 12, 15);
        assertThat(UnkdConfig.defaults().pairsPerGroup(g)).containsExactly(10, 10, 10);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> PairAllocation.perGroup(0, new double[] {1})).hasMessageContaining("budget");
        assertThatThrownBy(() -> PairAllocation.perGroup(5, new double[] {0, 0})).hasMessageContaining("sum");
        assertThatThrownBy(() -> PairAllocation.perGroup(5, new double[] {-1, 2})).hasMessageContaining("weight");
    }
}
