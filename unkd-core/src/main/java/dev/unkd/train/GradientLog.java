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

    public GradientLog(int dim) {
        this.dim = dim;
        this.values = new float[256 * dim];
    }

    public int dim() {
        return dim;
    }

    /** Records {@code scale * v[off..off+dim)} for user row u. */
    public void addUser(int u, float[] v, int off, float scale) {
        record(u, v, off, scale);
    }

    /** Records {@code scale * v[off..off+dim)} for item row i. */
    public void addItem(int i, float[] v, int off, float scale) {
        record(-i - 1, v, off, scale);
    }

    private void record(int code, float[] v, int off, float scale) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            values = Arrays.copyOf(values, size * 2 * dim);
        }
        rows[size] = code;
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
     * contributions in the sequential order. Follow with {@link #markTouched}.
     */
    public void replayStripe(EmbeddingGradients grads, int stripe, int stripes) {
        for (int k = 0; k < size; k++) {
            int code = rows[k];
            if (code >= 0) {
                if (RowStripes.of(code, stripes) == stripe) {
                    grads.accumulateUser(code, values, k * dim, 1f);
                }
            } else {
                int item = -code - 1;
                if (RowStripes.of(item, stripes) == stripe) {
                    grads.accumulateItem(item, values, k * dim, 1f);
                }
            }
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
    }
}
