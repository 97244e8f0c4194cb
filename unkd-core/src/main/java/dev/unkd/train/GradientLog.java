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

    public void clear() {
        size = 0;
    }
}
