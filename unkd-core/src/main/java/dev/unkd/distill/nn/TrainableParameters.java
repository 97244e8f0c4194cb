package dev.unkd.distill.nn;

import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.RowSet;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.AdamConfig;
import dev.unkd.train.DenseAdam;
import java.util.Arrays;

/**
 * The flat parameter array of a distiller's own network ({@link ParameterLayout}), its gradient
 * and its Adam, a {@link DenseAdam} over a 1 x n {@link EmbeddingTable} view of the array (PyTorch's
 * Adam without weight decay, as the authors' optimisers treat these weights). The trainer steps
 * only the student's tables, so the distiller calls {@link #step()} itself once per batch, after
 * adding the batch's gradient in a fixed order.
 */
public final class TrainableParameters {
    private final float[] values;
    private final float[] gradient;
    private final DenseAdam adam;
    private final RowSet allRows;

    public TrainableParameters(ParameterLayout layout, AdamConfig adamConfig, ChunkedExecutor executor) {
        if (layout.size() < 1) {
            throw new IllegalArgumentException("no parameters reserved");
        }
        this.values = new float[layout.size()];
        this.gradient = new float[layout.size()];
        this.adam = new DenseAdam(new EmbeddingTable(1, layout.size(), values), adamConfig, executor);
        this.allRows = new RowSet(1);
        allRows.add(0);
    }

    /** The parameters (unpacked by the layers; tests perturb them in place). */
    public float[] values() {
        return values;
    }

    public int size() {
        return values.length;
    }

    /** The gradient the next {@link #step()} uses; callers add to it after {@link #clearGradient()}. */
    public float[] gradient() {
        return gradient;
    }

    public void clearGradient() {
        Arrays.fill(gradient, 0f);
    }

    /** One Adam step with {@link #gradient()}. */
    public void step() {
        adam.step(gradient, allRows);
    }
}
