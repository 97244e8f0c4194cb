package dev.unkd.train;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import java.util.SplittableRandom;

/**
 * BPR for a popularity-deconfounded teacher, PD (Zhang, Feng, He, Wei, Song, Ling, Zhang,
 * <i>Causal Intervention for Leveraging Popularity Bias in Recommendation</i>, SIGIR 2021), as the
 * UnKD authors train their PD teachers ({@code model.py: PDA} and {@code PDALightGCN}): during
 * training the model's score s(u, i) is multiplied by the item's popularity term,
 * <pre>
 *   m(u, i) = (ReLU(s(u, i)) + 1) * w_i,   w_i = ((pop_i + 1) / sum_j (pop_j + 1))^gamma
 * </pre>
 * with pop_i the item's training interactions (the code's {@code count_weight} starts every count
 * at 1), and the loss is the mean over the batch of -log(sigmoid(m(u, i) - m(u, j)) + 1e-10).
 * ReLU + 1 is the UnKD code's choice (its {@code felu} is {@code nn.ReLU}); the PD paper writes
 * ELU + 1. Both keep the factor positive. At inference PD drops the popularity factor and ranks
 * by the plain s(u, i), which is what the trained model's scorer does, so any distiller can use a
 * PD teacher as it is: CD and HTD from such a teacher are the paper's PD-CD and PD-HTD. The
 * subgradient of ReLU at 0 is 0, as PyTorch's.
 */
public final class PdBprObjective implements BatchObjective {
    /** Inside the log, as the code. */
    static final double EPSILON = 1e-10;

    private final float[] weights;
    private final double gamma;

    /** @param weights w_i per item (see {@link #popularityWeights}) */
    public PdBprObjective(float[] weights, double gamma) {
        this.weights = weights.clone();
        this.gamma = gamma;
    }

    /** The PD objective with weights from the training popularity. */
    public static PdBprObjective of(Interactions train, double gamma) {
        return new PdBprObjective(popularityWeights(train, gamma), gamma);
    }

    /**
     * w_i = ((pop_i + 1) / sum_j (pop_j + 1))^gamma; gamma = 1 is the code's {@code --alpha} default,
     * gamma = 0 gives w = 1 (plain BPR on ReLU(s) + 1).
     */
    public static float[] popularityWeights(Interactions train, double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("Invalid PD gamma: " + gamma + " (must be >= 0)");
        }
        int[] pop = train.itemPopularity();
        double total = 0;
        for (int p : pop) {
            total += p + 1.0;
        }
        float[] w = new float[pop.length];
        for (int i = 0; i < pop.length; i++) {
            w[i] = (float) Math.pow((pop[i] + 1.0) / total, gamma);
        }
        return w;
    }

    public double gamma() {
        return gamma;
    }

    /** w_i of item i. */
    public float weight(int i) {
        return weights[i];
    }

    @Override
    public String name() {
        return "pd-bpr";
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (emb.items().rows() != weights.length) {
            throw new IllegalArgumentException("PD weights cover " + weights.length + " items, the model has " + emb.items().rows());
        }
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        float[] userGrad = new float[dim];
        double loss = 0;
        double scale = 1.0 / batch.size();
        for (int k = from; k < to; k++) {
            int u = batch.users()[k];
            int i = batch.positives()[k];
            int j = batch.negatives()[k];
            float si = emb.score(u, i);
            float sj = emb.score(u, j);
            double m = weights[i] * (Math.max(0, si) + 1.0) - weights[j] * (Math.max(0, sj) + 1.0);
            double sig = Softplus.sigmoid(m);
            loss -= Math.log(sig + EPSILON);
            // d/dm -log(sigmoid(m) + eps); sigmoid(-m) directly, without 1 - sigmoid(m) cancellation
            double dm = -sig * Softplus.sigmoid(-m) / (sig + EPSILON) * scale;
            float gi = si > 0 ? (float) (dm * weights[i]) : 0f;
            float gj = sj > 0 ? (float) (-dm * weights[j]) : 0f;
            int pu = u * dim;
            for (int d = 0; d < dim; d++) {
                userGrad[d] = gi * q[i * dim + d] + gj * q[j * dim + d];
            }
            log.addUser(u, userGrad, 0, 1f);
            log.addItem(i, p, pu, gi);
            log.addItem(j, p, pu, gj);
        }
        return loss * scale;
    }
}
