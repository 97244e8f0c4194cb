package dev.unkd.distill.nn;

import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.RowSet;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.AdamConfig;
import dev.unkd.train.DenseAdam;
import java.util.Arrays;

/**
 * The flat parameter array of a distiller's own network ({@link ParameterLayout}), its Adam and
 * its gradient: each of a fixed number of work chunks adds into its own buffer, and
 * {@link #reduce()} sums the buffers in chunk order, so the gradient, and every step, is the same
 * bit for bit whatever the thread count. The trainer steps only the student's tables, so the
 * distiller calls {@link #step()} itself once per batch.
 */
public final class TrainableParameters {
    private final float[] values;
    private final float[] gradient;
    private final float[][] chunkGradients;
    private final DenseAdam adam;
    private final RowSet allRows;

    /**
     * @param layout the network's layout; its size fixes the array length
     * @param workChunks number of gradient buffers (fixed by the caller, independent of threads)
     */
    public TrainableParameters(ParameterLayout layout, int workChunks, AdamConfig adamConfig, ChunkedExecutor executor) {
        if (layout.size() < 1) {
            throw new IllegalArgumentException("no parameters reserved");
        }
        if (workChunks < 1) {
            throw new IllegalArgumentException("Invalid number of work chunks: " + workChunks);
        }
        this.values = new float[layout.size()];
        this.gradient = new float[layout.size()];
        this.chunkGradients = new float[workChunks][layout.size()];
        this.adam = new DenseAdam(new EmbeddingTable(1, layout.size(), values), adamConfig, executor);
        this.allRows = new RowSet(1);
        allRows.add(0);
    }

    /** The parameters (layers read and tests perturb them in place). */
    public float[] values() {
        return values;
    }

    public int size() {
        return values.length;
    }

    public int workChunks() {
        return chunkGradients.length;
    }

    /** The gradient buffer of work chunk c; zero after each {@link #reduce()}. */
    public float[] chunkGradient(int c) {
        return chunkGradients[c];
    }

    /** Sums the chunk buffers in chunk order into {@link #gradient()} and zeroes them. */
    public float[] reduce() {
        Arrays.fill(gradient, 0f);
        for (float[] g : chunkGradients) {
            for (int k = 0; k < g.length; k++) {
                gradient[k] += g[k];
            }
            Arrays.fill(g, 0f);
        }
        return gradient;
    }

    /** The gradient of the last {@link #reduce()}. */
    public float[] gradient() {
        return gradient;
    }

    /** One Adam step with the gradient of the last {@link #reduce()} (PyTorch's Adam, no weight decay). */
    public void step() {
        adam.step(gradient, allRows);
    }
}
