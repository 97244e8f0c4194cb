package dev.unkd.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void selectsBestFirstAndBreaksTiesByLowerIndex() {
        float[] s = {0.5f, 2f, 1f, 2f, -1f, 1f};
        assertThat(new TopK(4).select(s, s.length)).containsExactly(1, 3, 2, 5);
    }

    @Test
    void neverSelectsExcludedOrNaNItems() {
        float[] s = {Float.NEGATIVE_INFINITY, Float.NaN, 3f, Float.NEGATIVE_INFINITY};
        assertThat(new TopK(3).select(s, s.length)).containsExactly(2);
    }

    @Test
    void agreesWithAFullSortOnRandomScores() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(300);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = rng.nextInt(20) / 4f; // many ties
            }
            int k = 1 + rng.nextInt(30);
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(new TopK(k).select(s, n)).as("trial %d: %s", trial, Arrays.toString(s)).containsExactly(expected);
        }
    }

    @Test
    void rejectsNonPositiveK() {
        assertThatThrownBy(() -> new TopK(0)).hasMessageContaining("Invalid k: 0");
    }
}
