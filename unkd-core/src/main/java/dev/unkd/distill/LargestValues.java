package dev.unkd.distill;

/**
 * Selection of the k largest of n floats in place, by quickselect (three-way partitions around a
 * median of three): expected O(n), no allocation. DCD's rank refresh counts, for each listed
 * column, the columns scored above it among the cap best; only that multiset matters, so it needs
 * neither their order nor their identities, which a heap would pay for (O(n log k) plus k log k
 * to empty it; measured the larger part of a DCD item-side epoch).
 */
final class LargestValues {
    private LargestValues() {
    }

    /** Rearranges v[0..n) so that v[0..k) hold its k largest values, in no particular order; NaN-free input. */
    static void moveToFront(float[] v, int n, int k) {
        if (k <= 0 || k >= n) {
            return;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            float pivot = medianOfThree(v[lo], v[(lo + hi) >>> 1], v[hi]);
            // [lo, lt) > pivot, [lt, i) == pivot, (gt, hi] < pivot
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                float x = v[i];
                if (x > pivot) {
                    v[i++] = v[lt];
                    v[lt++] = x;
                } else if (x < pivot) {
                    v[i] = v[gt];
                    v[gt--] = x;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k <= gt + 1) {
                return;
            } else {
                lo = gt + 1;
            }
        }
    }

    private static float medianOfThree(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** #{m : a[m] &gt; x} in the ascending a[0..n). */
    static int countAbove(float[] a, int n, float x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return n - lo;
    }
}
