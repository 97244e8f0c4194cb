package dev.unkd.data;

import java.util.Arrays;

/** The Gini coefficient of a non-negative distribution: 0 when equal, towards 1 when concentrated. */
public final class Gini {
    private Gini() {
    }

    /** G = sum_i (2i - n - 1) c_(i) / (n sum c) with c sorted ascending and i from 1; 0 for an all-zero input. */
    public static double of(long[] counts) {
        long[] c = counts.clone();
        Arrays.sort(c);
        int n = c.length;
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            total += c[i];
            weighted += (2.0 * (i + 1) - n - 1) * c[i];
        }
        return total == 0 ? 0 : weighted / (n * total);
    }

    public static double of(int[] counts) {
        return of(Arrays.stream(counts).asLongStream().toArray());
    }
}
