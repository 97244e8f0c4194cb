package dev.unkd.train;

import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.TrainableModel;

/**
 * The L2 term of the UnKD and LightGCN code: decay * 0.5 * (|p_u|^2 + |q_i|^2 + |q_j|^2) / batch,
 * summed over the batch's triples on the layer-0 rows (a row appearing twice counts twice).
 */
public final class L2Regularizer {
    private final double decay;

    public L2Regularizer(double decay) {
        this.decay = decay;
    }

    /** Adds the gradient to {@code grads} (layer-0) in sample order and returns the term's value. */
    public double apply(TrainableModel model, Batch batch, EmbeddingGradients grads) {
        if (decay == 0) {
            return 0;
        }
        float scale = (float) (decay / batch.size());
        float[] p = model.userTable().data();
        float[] q = model.itemTable().data();
        int dim = model.dim();
        double sq = 0;
        for (int k = 0; k < batch.size(); k++) {
            int u = batch.users()[k];
            int i = batch.positives()[k];
            int j = batch.negatives()[k];
            sq += squaredNorm(p, u * dim, dim) + squaredNorm(q, i * dim, dim) + squaredNorm(q, j * dim, dim);
            grads.addUser(u, p, u * dim, scale);
            grads.addItem(i, q, i * dim, scale);
            grads.addItem(j, q, j * dim, scale);
        }
        return decay * 0.5 * sq / batch.size();
    }

    private static float squaredNorm(float[] a, int off, int dim) {
        float s = 0;
        for (int d = off; d < off + dim; d++) {
            s += a[d] * a[d];
        }
        return s;
    }
}
