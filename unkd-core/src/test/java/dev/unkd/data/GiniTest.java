package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GiniTest {
    @Test
    void equalDistributionIsZero() {
        assertThat(Gini.of(new int[] {3, 3, 3, 3})).isEqualTo(0.0);
    }

    @Test
    void allMassOnOneOfNItemsIsOneMinusOneOverN() {
        assertThat(Gini.of(new int[] {0, 0, 0, 8})).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void knownAnswer() {
        // sorted 1,2,3: (-2*1 + 0*2 + 2*3) / (3*6) = 4/18
        assertThat(Gini.of(new int[] {3, 1, 2})).isCloseTo(4.0 / 18, within(1e-12));
    }

    @Test
    void allZeroIsZero() {
        assertThat(Gini.of(new long[] {0, 0})).isEqualTo(0.0);
    }
}
