package dev.unkd.recommend;

import java.util.Arrays;

/**
 * The candidate-set kernel of {@link Recommender} (used for the teacher's candidate lists,
 * {@code TeacherRanking}): the best {@code depth} items of a score row, restricted to a set of
 * items, ordered by score descending and index ascending, exactly as {@link TopK} orders them. Each eligible item becomes
 * one primitive long key whose natural order is that ranking (score bits mapped to descending
 * order in the high word, item index in the low word), so that a quickselect moves the best
 * {@code depth} keys to the front in O(m) and a primitive sort orders them in O(depth log depth):
 * on CiteULike (depth 1000, 4 groups) half the CPU of a bounded heap, and allocation-free. Items scored
 * -Infinity or NaN are not eligible. One instance per thread.
 */
final class RankSelection {
    /** Quickselect rounds before falling back to a full sort (guards the quadratic worst case). */
    private static final int MAX_ROUNDS = 64;

    private long[] keys = new long[0];

    /**
     * Writes the selected items, best first, to {@code out[outOff..)} and returns how many.
     * {@code members == null} means items 0..count-1.
     */
    int select(float[] row, int[] members, int count, int depth, int[] out, int outOff) {
        if (keys.length < count) {
            keys = new long[count];
        }
        int n = 0;
        for (int k = 0; k < count; k++) {
            int item = members == null ? k : members[k];
            float s = row[item];
            if (s > Float.NEGATIVE_INFINITY) { // false for -Infinity and NaN
                keys[n++] = key(s, item);
            }
        }
        int m = Math.min(depth, n);
        if (m < n) {
            selectSmallest(keys, n, m);
        }
        Arrays.sort(keys, 0, m);
        for (int k = 0; k < m; k++) {
            out[outOff + k] = (int) keys[k];
        }
        return m;
    }

    /** A key ordered by score descending, then item ascending (-0.0 counts as 0.0, as in float comparison). */
    static long key(float score, int item) {
        int bits = Float.floatToIntBits(score + 0.0f);
        int ascending = bits ^ ((bits >> 31) & 0x7fffffff); // signed-int order equals float order
        return ((long) ~ascending << 32) | item; // ~ reverses it; items are non-negative
    }

    /** Rearranges keys[0..n) so that keys[0..m) are the m smallest (in any order); 0 &lt; m &lt; n. */
    static void selectSmallest(long[] keys, int n, int m) {
        int lo = 0;
        int hi = n - 1;
        int target = m - 1; // the m-th smallest ends at index m-1, smaller ones before it
        for (int round = 0; lo < hi; round++) {
            if (round == MAX_ROUNDS) {
                Arrays.sort(keys, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            long pivot = median(keys[lo], keys[mid], keys[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) { // Hoare partition; keys are distinct
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = keys[i];
                    keys[i] = keys[j];
                    keys[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return; // target lies between the parts: it is the pivot, in place
            }
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
