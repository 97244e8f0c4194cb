package dev.unkd.distill;

import java.util.Arrays;

/**
 * Selection of the k largest of n floats in place: a sampled threshold filters the candidates,
 * then quickselect (three-way partitions around a median of three) and a sort of the k; expected
 * O(n + k log k), no allocation. DCD's rank refresh counts, for each listed
 * column, the columns scored above it among the cap best; only that multiset matters, so it needs
 * neither their order nor their identities, which a heap would pay for (O(n log k) plus k log k
 * to empty it; measured the larger part of a DCD item-side epoch).
 */
final class LargestValues {
    /** Values sampled for the threshold of {@link #largestAscending}. */
    private static final int SAMPLE = 256;
    /** The thresholds tried: about margin x k values reach them (the second when the sample misled the first). */
    private static final double[] MARGINS = {1.25, 2.5};

    private LargestValues() {
    }

    /**
     * Puts the k largest of v[0..n) into v[0..k), ascending (NaN-free input; {@code scratch} at
     * least n floats). A sample of about 256 values gives a threshold that about 1.25 k + 16 values
     * reach; one pass copies those (branch-free, so the pass costs the same whatever the data), and
     * only they are sorted. When fewer than k reach it (an unlucky sample), a threshold for 2.5 k,
     * then a quickselect on all n values. Cost: O(n) plus O(k log k).
     */
    static void largestAscending(float[] v, int n, int k, float[] scratch) {
        if (k >= n) {
            Arrays.sort(v, 0, n);
            return;
        }
        if (k <= 0) {
            return;
        }
        int stride = Math.max(1, n / SAMPLE);
        int samples = 0;
        for (int i = 0; i < n; i += stride) {
            scratch[samples++] = v[i];
        }
        Arrays.sort(scratch, 0, samples);
        float[] thresholds = new float[2];
        int tries = 0;
        for (double margin : MARGINS) {
            int wanted = (int) Math.ceil((margin * k + 16) / stride);
            if (wanted < samples) {
                thresholds[tries++] = scratch[samples - wanted];
            }
        }
        for (int t = 0; t < tries; t++) {
            float threshold = thresholds[t];
            int c = 0;
            for (int i = 0; i < n; i++) {
                float x = v[i];
                scratch[c] = x;
                c += x >= threshold ? 1 : 0;
            }
            if (c >= k) {
                Arrays.sort(scratch, 0, c); // the candidates are few: sorting them all beats selecting first
                System.arraycopy(scratch, c - k, v, 0, k);
                return;
            }
        }
        moveToFront(v, n, k);
        Arrays.sort(v, 0, k);
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
