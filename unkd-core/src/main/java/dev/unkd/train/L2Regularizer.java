package dev.unkd.train;

import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.function.IntConsumer;

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
        return apply(model, batch, grads, null);
    }

    /**
     * The same on {@code executor}'s threads (null: this thread): norms per sample in parallel and
     * summed in sample order, gradients added over row stripes, each row in sample order, then the
     * rows marked touched in sample order; every bit equals the sequential result.
     */
    public double apply(TrainableModel model, Batch batch, EmbeddingGradients grads, ChunkedExecutor executor) {
        if (decay == 0) {
            return 0;
        }
        float scale = (float) (decay / batch.size());
        float[] p = model.userTable().data();
        float[] q = model.itemTable().data();
        int dim = model.dim();
        int n = batch.size();
        int[] users = batch.users();
        int[] pos = batch.positives();
        int[] neg = batch.negatives();
        int stripes = executor == null ? 1 : executor.threads();
        float[] norms = new float[n];
        IntConsumer stripe = s -> {
            for (int k = (int) ((long) n * s / stripes), end = (int) ((long) n * (s + 1) / stripes); k < end; k++) { // contiguous: no shared lines
                norms[k] = squaredNorm(p, users[k] * dim, dim) + squaredNorm(q, pos[k] * dim, dim) + squaredNorm(q, neg[k] * dim, dim);
            }
            for (int k = 0; k < n; k++) {
                if (RowStripes.of(users[k], stripes) == s) {
                    grads.accumulateUser(users[k], p, users[k] * dim, scale);
                }
                if (RowStripes.of(pos[k], stripes) == s) {
                    grads.accumulateItem(pos[k], q, pos[k] * dim, scale);
                }
                if (RowStripes.of(neg[k], stripes) == s) {
                    grads.accumulateItem(neg[k], q, neg[k] * dim, scale);
                }
            }
        };
        if (stripes == 1) {
            stripe.accept(0);
        } else {
            executor.run(stripes, stripe);
        }
        double sq = 0;
        for (int k = 0; k < n; k++) {
            sq += norms[k];
            grads.markUser(users[k]);
            grads.markItem(pos[k]);
            grads.markItem(neg[k]);
        }
        return decay * 0.5 * sq / n;
    }

    private static float squaredNorm(float[] a, int off, int dim) {
        float s = 0;
        for (int d = off; d < off + dim; d++) {
            s += a[d] * a[d];
        }
        return s;
    }
}
