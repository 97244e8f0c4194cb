package dev.unkd.train;

import dev.unkd.model.Embeddings;
import java.util.SplittableRandom;

/**
 * Bayesian personalised ranking: mean over the batch of -log sigmoid(s(u, i) - s(u, j)).
 * {@code weight} scales the term (RD's mixing uses 1 - w).
 */
public final class BprObjective implements BatchObjective {
    private final float weight;

    public BprObjective(double weight) {
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("Invalid BPR weight: " + weight);
        }
        this.weight = (float) weight;
    }

    @Override
    public String name() {
        return "bpr";
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (weight == 0) {
            return 0;
        }
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        float[] diff = new float[dim];
        double loss = 0;
        float scale = weight / batch.size();
        for (int k = from; k < to; k++) {
            int u = batch.users()[k] * dim;
            int i = batch.positives()[k] * dim;
            int j = batch.negatives()[k] * dim;
            float x = 0;
            for (int d = 0; d < dim; d++) {
                diff[d] = q[i + d] - q[j + d];
                x += p[u + d] * diff[d];
            }
            loss += Softplus.of(-x);
            // d/dx -log sigmoid(x) = -sigmoid(-x)
            float g = -scale * (float) Softplus.sigmoid(-x);
            log.addUser(batch.users()[k], diff, 0, g);
            log.addItem(batch.positives()[k], p, u, g);
            log.addItem(batch.negatives()[k], p, u, -g);
        }
        return weight * loss / batch.size();
    }
}
