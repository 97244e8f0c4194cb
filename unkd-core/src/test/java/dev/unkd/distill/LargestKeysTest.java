package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link LargestKeys}: the same positions as a full sort (ties to the earlier position), for every want. */
class LargestKeysTest {
    /** The reference: sort all positions by key descending, ties by position ascending, keep the first {@code want}. */
    private static int[] bySort(double[] keys, int want) {
        return IntStream.range(0, keys.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(p -> -keys[p]).thenComparingInt(p -> p))
                .limit(want).mapToInt(Integer::intValue).sorted().toArray();
    }

    @Test
    void keepsTheLargestKeysAndAtTiesTheEarlierPositions() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(40);
            double[] keys = new double[n];
            for (int p = 0; p < n; p++) {
                keys[p] = rng.nextInt(6); // many ties
            }
            for (int want = 0; want <= n; want++) {
                int[] out = new int[n];
                LargestKeys.positions(keys, n, want, out);
                int[] got = Arrays.copyOf(out, want);
                Arrays.sort(got);
                assertThat(got).as("keys %s want %d", Arrays.toString(keys), want).containsExactly(bySort(keys, want));
            }
        }
    }
}
