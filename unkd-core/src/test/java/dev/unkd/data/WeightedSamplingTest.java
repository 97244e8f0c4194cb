package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class WeightedSamplingTest {
    private static final double[] WEIGHTS = {1, 2, 3, 4, 0.5, 6};
    private static final int DRAWS = 100_000;

    /** Frequency with which each index is in a sample of size {@code count}. */
    private static double[] inclusionFrequency(int count) {
        SplittableRandom random = new SplittableRandom(17);
        double[] freq = new double[WEIGHTS.length];
        for (int t = 0; t < DRAWS; t++) {
            int[] sample = WeightedSampling.withoutReplacement(WEIGHTS, count, random);
            assertThat(sample).hasSize(count).doesNotHaveDuplicates();
            for (int i : sample) {
                freq[i] += 1.0 / DRAWS;
            }
        }
        return freq;
    }

    @Test
    void singleDrawIsProportionalToWeight() {
        double total = 16.5;
        double[] freq = inclusionFrequency(1);
        for (int i = 0; i < WEIGHTS.length; i++) {
            assertThat(freq[i]).as("item %d", i).isCloseTo(WEIGHTS[i] / total, within(0.006));
        }
    }

    @Test
    void twoDrawsMatchSuccessiveSamplingWithoutReplacement() {
        // P(i in sample) = w_i / W + sum over j != i of (w_j / W) * w_i / (W - w_j)
        double total = 16.5;
        double[] freq = inclusionFrequency(2);
        for (int i = 0; i < WEIGHTS.length; i++) {
            double p = WEIGHTS[i] / total;
            for (int j = 0; j < WEIGHTS.length; j++) {
                if (j != i) {
                    p += WEIGHTS[j] / total * WEIGHTS[i] / (total - WEIGHTS[j]);
                }
            }
            assertThat(freq[i]).as("item %d", i).isCloseTo(p, within(0.008));
        }
    }

    @Test
    void asksForMoreThanThereAreGivesEverything() {
        assertThat(WeightedSampling.withoutReplacement(new double[] {1, 1e-9, 5}, 10, new SplittableRandom(1)))
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(WeightedSampling.withoutReplacement(new double[] {1, 2}, 0, new SplittableRandom(1))).isEmpty();
    }

    @Test
    void extremeWeightsStayExact() {
        // a weight 1e12 times the others is always drawn first; the rest stay distinct and valid
        double[] w = new double[1000];
        Arrays.fill(w, 1e-6);
        w[637] = 1e6;
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 100; t++) {
            int[] s = WeightedSampling.withoutReplacement(w, 5, random);
            assertThat(s).contains(637).doesNotHaveDuplicates();
            assertThat(Arrays.stream(s).allMatch(i -> i >= 0 && i < 1000)).isTrue();
        }
    }
}
