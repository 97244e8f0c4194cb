package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quickselect of DCD's rank refresh against a full sort, with ties, and its count above a value. */
class LargestValuesTest {
    @Test
    void moveToFrontKeepsTheKLargestAsASortWould() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(400);
            float[] v = new float[n];
            int levels = 1 + rng.nextInt(trial % 2 == 0 ? 5 : 100_000); // few distinct values: many ties
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextInt(levels) - levels / 2f;
            }
            int k = rng.nextInt(n + 2);
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            LargestValues.moveToFront(v, n, k);
            int kept = Math.min(k, n);
            float[] front = Arrays.copyOf(v, kept);
            Arrays.sort(front);
            assertThat(front).as("n %d k %d", n, k).containsExactly(Arrays.copyOfRange(sorted, n - kept, n));
            float[] all = v.clone();
            Arrays.sort(all);
            assertThat(all).containsExactly(sorted); // a permutation
        }
    }

    @Test
    void largestAscendingGivesTheTopKSorted() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(3000);
            float[] v = new float[n];
            int levels = 1 + rng.nextInt(trial % 3 == 0 ? 3 : 1_000_000);
            for (int i = 0; i < n; i++) {
                v[i] = trial % 5 == 0 ? (float) (i % 7 == 0 ? 1e6 : rng.nextGaussian()) : rng.nextInt(levels);
            }
            int k = rng.nextInt(n + 2);
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            LargestValues.largestAscending(v, n, k, new float[n]);
            int kept = Math.min(k, n);
            assertThat(Arrays.copyOf(v, kept)).as("n %d k %d", n, k).containsExactly(Arrays.copyOfRange(sorted, n - kept, n));
        }
    }

    @Test
    void countAboveCountsStrictlyLarger() {
        float[] a = {1, 2, 2, 3, 5};
        assertThat(LargestValues.countAbove(a, 5, 2)).isEqualTo(2);
        assertThat(LargestValues.countAbove(a, 5, 0)).isEqualTo(5);
        assertThat(LargestValues.countAbove(a, 5, 5)).isZero();
        assertThat(LargestValues.countAbove(a, 5, 2.5f)).isEqualTo(2);
        assertThat(LargestValues.countAbove(a, 0, 1)).isZero();
    }
}
