package dev.unkd.distill;

import java.util.Arrays;

/**
 * Combines several teachers' ranked lists for one user into one list by rank importance: an
 * item at rank r (0 = best) of a teacher's list scores (r + 1)^-beta, 0 when that teacher does
 * not list it; the ensemble orders the union by the summed importance, descending (ties: lower
 * item index first) and keeps the best {@code k}. The form (1 / rank)^beta with beta = 0.05 is
 * the rank-importance ensemble of the HetComp authors' follow-up (CCD, Kang's group, KDD 2024,
 * {@code Run/Ensemble.py}); HetComp's own importances (WWW 2023, eq. 8) ship only as precomputed
 * files. With one teacher the ensemble is that teacher's list.
 *
 * <p>Cost O(n log n) per call for n listed entries, with a scratch of one double per item, reused;
 * not thread-safe (one per thread).
 */
final class RankEnsemble {
    private final double beta;
    private final double[] importance;
    private final int[] touched;

    /** A combiner for lists over {@code numItems} items, of at most {@code maxUnion} distinct items in total. */
    RankEnsemble(double beta, int numItems, int maxUnion) {
        this.beta = beta;
        this.importance = new double[numItems];
        this.touched = new int[maxUnion];
    }

    /** The importance of rank r (0-based). */
    double importance(int r) {
        return Math.pow(r + 1, -beta);
    }

    /**
     * Writes the best {@code k} items of the ensemble of {@code lists[x][offsets[x] .. offsets[x] +
     * lengths[x])} to {@code out[at ..]}; returns how many were written.
     */
    int combine(int[][] lists, int[] offsets, int[] lengths, int k, int[] out, int at) {
        int n = 0;
        for (int x = 0; x < lists.length; x++) {
            for (int r = 0; r < lengths[x]; r++) {
                int item = lists[x][offsets[x] + r];
                if (importance[item] == 0) {
                    touched[n++] = item;
                }
                importance[item] += importance(r);
            }
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = touched[j];
        }
        Arrays.sort(order, (i, j) -> importance[i] != importance[j] ? Double.compare(importance[j], importance[i]) : Integer.compare(i, j));
        int m = Math.min(k, n);
        for (int j = 0; j < m; j++) {
            out[at + j] = order[j];
        }
        for (int j = 0; j < n; j++) {
            importance[touched[j]] = 0;
        }
        return m;
    }
}
