package dev.unkd.train;

import dev.unkd.model.EmbeddingGradients;
import java.util.Arrays;

/**
 * Gradient contributions of one chunk of a batch, recorded in order and replayed into the shared
 * {@link EmbeddingGradients} chunk by chunk. Because chunk boundaries are fixed and replay is in
 * chunk order, the summation order, and so every bit of the result, is independent of threads.
 */
public final class GradientLog {
    private final int dim;
    private int[] rows = new int[256];
    private float[] values;
    private int size;
    /** Per stripe, the positions of its entries in record order ({@link #replayStripe}); none with one stripe (no index). */
    private final int[][] stripeEntries;
    private final int[] stripeSizes;

    public GradientLog(int dim) {
        this(dim, 1);
    }

    /**
     * A log that also files each entry under its row's stripe of {@code stripes} as it is recorded,
     * so that {@link #replayStripe} with that stripe count visits only its own entries: a scan of
     * all entries that skips the other stripes' rows mispredicts a branch on almost every entry,
     * which made a 2-thread replay cost three times the 1-thread one (docs/BENCHMARKS.md).
     */
    public GradientLog(int dim, int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("Invalid stripe count: " + stripes);
        }
        this.dim = dim;
        this.values = new float[256 * dim];
        this.stripeEntries = new int[stripes == 1 ? 0 : stripes][];
        for (int s = 0; s < stripeEntries.length; s++) {
            stripeEntries[s] = new int[256];
        }
        this.stripeSizes = new int[stripeEntries.length];
    }

    public int dim() {
        return dim;
    }

    /** Records {@code scale * v[off..off+dim)} for user row u. */
    public void addUser(int u, float[] v, int off, float scale) {
        record(u, u, v, off, scale);
    }

    /** Records {@code scale * v[off..off+dim)} for item row i. */
    public void addItem(int i, float[] v, int off, float scale) {
        record(-i - 1, i, v, off, scale);
    }

    private void record(int code, int row, float[] v, int off, float scale) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            values = Arrays.copyOf(values, size * 2 * dim);
            for (int s = 0; s < stripeEntries.length; s++) {
                stripeEntries[s] = Arrays.copyOf(stripeEntries[s], size * 2);
            }
        }
        rows[size] = code;
        if (stripeEntries.length > 0) {
            int s = RowStripes.of(row, stripeEntries.length);
            stripeEntries[s][stripeSizes[s]++] = size;
        }
        int base = size * dim;
        for (int d = 0; d < dim; d++) {
            values[base + d] = scale * v[off + d];
        }
        size++;
    }

    public void replayInto(EmbeddingGradients grads) {
        for (int k = 0; k < size; k++) {
            int code = rows[k];
            if (code >= 0) {
                grads.addUser(code, values, k * dim, 1f);
            } else {
                grads.addItem(-code - 1, values, k * dim, 1f);
            }
        }
    }

    /**
     * Replays only the rows of one stripe ({@link RowStripes}), in record order, without marking them
     * touched: stripes own disjoint rows, so they may run in parallel, and each row still sums its
     * contributions in the sequential order. Follow with {@link #markTouched}. A log made with this
     * stripe count visits only the stripe's own entries; otherwise it scans them all.
     */
    public void replayStripe(EmbeddingGradients grads, int stripe, int stripes) {
        if (stripes == stripeEntries.length) {
            int[] entries = stripeEntries[stripe];
            for (int e = 0, n = stripeSizes[stripe]; e < n; e++) {
                accumulate(grads, entries[e]);
            }
            return;
        }
        for (int k = 0; k < size; k++) {
            int code = rows[k];
            if (RowStripes.of(code >= 0 ? code : -code - 1, stripes) == stripe) {
                accumulate(grads, k);
            }
        }
    }

    /** Adds entry k to its row without marking the row touched. */
    private void accumulate(EmbeddingGradients grads, int k) {
        int code = rows[k];
        if (code >= 0) {
            grads.accumulateUser(code, values, k * dim, 1f);
        } else {
            grads.accumulateItem(-code - 1, values, k * dim, 1f);
        }
    }

    /** Marks this log's rows touched, in record order (what {@link #replayInto} does besides adding). */
    public void markTouched(EmbeddingGradients grads) {
        for (int k = 0; k < size; k++) {
            int code = rows[k];
            if (code >= 0) {
                grads.markUser(code);
            } else {
                grads.markItem(-code - 1);
            }
        }
    }

    public void clear() {
        size = 0;
        Arrays.fill(stripeSizes, 0);
    }
}
