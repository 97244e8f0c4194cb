package dev.unkd.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RankSelectionTest {
    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, 1e-30f, -1e30f, 3.5f};

    @Test
    void keysOrderByScoreDescendingThenIndex() {
        for (float a : SPECIAL) {
            for (float b : SPECIAL) {
                for (int i : new int[] {0, 5, Integer.MAX_VALUE}) {
                    for (int j : new int[] {0, 7, Integer.MAX_VALUE - 1}) {
                        int expected = a > b ? -1 : a < b ? 1 : Integer.compare(i, j); // -0.0 == 0.0 as floats
                        assertThat(Integer.signum(Long.compare(RankSelection.key(a, i), RankSelection.key(b, j))))
                                .as("(%s, %d) vs (%s, %d)", a, i, b, j).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Property(tries = 200)
    void selectsTheSameAsAFullSort(@ForAll @IntRange(min = 0, max = 3000) int n, @ForAll @IntRange(min = 1, max = 1200) int depth,
            @ForAll @IntRange(min = 1, max = 50) int levels, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(levels + 2);
            row[i] = r == 0 ? Float.NEGATIVE_INFINITY : r == 1 ? Float.NaN : (float) (r - levels / 2);
        }
        int[] expected = IntStream.range(0, n).filter(i -> row[i] > Float.NEGATIVE_INFINITY).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -row[i]).thenComparingInt(i -> i)).limit(depth)
                .mapToInt(Integer::intValue).toArray();
        int[] out = new int[depth + 3];
        int m = new RankSelection().select(row, null, n, depth, out, 3);
        assertThat(Arrays.copyOfRange(out, 3, 3 + m)).containsExactly(expected);
    }
}
