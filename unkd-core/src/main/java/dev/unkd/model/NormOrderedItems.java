package dev.unkd.model;

import java.util.Arrays;

/**
 * A factor model's item table sorted by embedding norm, largest first, in the tiles of
 * {@link FactorScorer}'s kernel. By Cauchy-Schwarz no item at or after position p scores above
 * ||u|| x norm(p) for user u, so a top-k search that visits tiles in this order can stop as soon
 * as its k-th best score beats that bound for the next tile: the exact answer while scoring a
 * fraction of the catalogue when norms are skewed, as trained recommenders' are (popular items get
 * long vectors). The kernel and summation order are {@link FactorScorer}'s, so every score
 * computed here equals {@link FactorScorer#score} to the bit.
 */
public final class NormOrderedItems {
    private final int numItems;
    private final int dim;
    /** order[p] = the item at position p; positionOf[item] = p. */
    private final int[] order;
    private final int[] positionOf;
    /** norms[p] = the exact (double) norm of the item at position p, non-increasing in p. */
    private final double[] norms;
    private final float[][] slices;

    NormOrderedItems(float[] items, int numItems, int dim) {
        this.numItems = numItems;
        this.dim = dim;
        double[] norm = new double[numItems];
        Integer[] byNorm = new Integer[numItems];
        for (int i = 0; i < numItems; i++) {
            norm[i] = norm(items, i * dim);
            byNorm[i] = i;
        }
        Arrays.sort(byNorm, (a, b) -> norm[a] != norm[b] ? Double.compare(norm[b], norm[a]) : Integer.compare(a, b));
        this.order = new int[numItems];
        this.positionOf = new int[numItems];
        this.norms = new double[numItems];
        for (int p = 0; p < numItems; p++) {
            order[p] = byNorm[p];
            positionOf[byNorm[p]] = p;
            norms[p] = norm[byNorm[p]];
        }
        this.slices = FactorScorer.slices(items, order, numItems, dim);
    }

    public int numItems() {
        return numItems;
    }

    public int tiles() {
        return (numItems + FactorScorer.TILE - 1) / FactorScorer.TILE;
    }

    /** The first position of tile t. */
    public int tileStart(int t) {
        return t * FactorScorer.TILE;
    }

    public int tileLength(int t) {
        return Math.min(numItems - tileStart(t), FactorScorer.TILE);
    }

    /** The item at norm position p. */
    public int item(int position) {
        return order[position];
    }

    /** The norm position of an item. */
    public int position(int item) {
        return positionOf[item];
    }

    /**
     * An upper bound on every float score, as this class and {@link FactorScorer} compute it, of
     * a user with norm {@code userNorm} for the items from tile t on: ||u|| x the tile's first norm,
     * widened by the rounding error of a float dot product summed in d order,
     * {@code |fl(u.x) - u.x| <= g ||u|| ||x||} with g = dim 2^-24 / (1 - dim 2^-24) (Higham,
     * Accuracy and Stability of Numerical Algorithms, 3.1), taken twice to cover the double norms'
     * own rounding, plus dim subnormal steps for products that underflow.
     */
    public double scoreBound(double userNorm, int t) {
        double g = dim * 0x1p-24 / (1 - dim * 0x1p-24);
        return userNorm * norms[tileStart(t)] * (1 + 2 * g) + dim * (double) Float.MIN_VALUE;
    }

    /** The exact (double) norm of a vector at u[pu..pu+dim). */
    public double norm(float[] u, int pu) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double x = u[pu + d];
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Scores of the user vectors at u[pu..pu+dim) and u[pv..pv+dim) for tile t into a and c, indexed by position - tileStart(t). */
    public void scoreTwo(float[] u, int pu, int pv, int t, float[] a, float[] c) {
        FactorScorer.twoUsers(slices, dim, u, pu, pv, t, tileLength(t), a, c);
    }

    /** As {@link #scoreTwo} for one user vector. */
    public void scoreOne(float[] u, int pu, int t, float[] a) {
        FactorScorer.oneUser(slices, dim, u, pu, t, tileLength(t), a);
    }
}
