package dev.unkd.distill;

import dev.unkd.model.Embeddings;
import dev.unkd.train.GradientLog;

/**
 * The loss and gradient of one user's two {@link ClosedSubsets}, shared by RCE-KD and the
 * stratified subsets of unkd-plus:
 * <pre>
 *   c * ((1 - gamma_u) CE_J1(u) + gamma_u CE_J2(u)),   CE_J(u) = - sum_{i in J} p_T(i | J) log q_S(i | J)
 * </pre>
 * p, q the softmax of s / tau over J (the targets p are the subsets'), with gradient
 * c ((1 - gamma) (q - p)_J1 + gamma (q - p)_J2) / tau on each student score. Holds the scratch of
 * one chunk of a batch: not thread-safe.
 */
final class SubsetCrossEntropy {
    /** Logit gap below which one shift serves both subsets: exp(-600) is still a normal double. */
    private static final double SHARED_RANGE = 600;

    private final double invTau;
    private final double[] z;
    private final double[] e1;
    private final double[] e2;

    SubsetCrossEntropy(double temperature, int stride) {
        this.invTau = 1 / temperature;
        this.z = new double[stride];
        this.e1 = new double[stride];
        this.e2 = new double[stride];
    }

    /**
     * Adds c times u's loss gradient: the item rows to {@code log}, the user row to {@code userGrad}
     * (the caller adds it to the log); returns c times u's loss. Call only when
     * {@link ClosedSubsets#contributes} holds for u.
     */
    double add(ClosedSubsets subsets, int u, double c, Embeddings emb, float[] userGrad, GradientLog log) {
        int[] items = subsets.itemArray();
        float[] target1 = subsets.firstTargetArray();
        float[] target2 = subsets.secondTargetArray();
        boolean[] second = subsets.inSecondArray();
        int n = subsets.size(u);
        double w1 = subsets.firstWeight(u);
        double w2 = subsets.secondWeight(u);
        int off = u * subsets.stride();
        int n1 = subsets.firstSize(u);
        double max1 = Double.NEGATIVE_INFINITY;
        double max2 = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            z[j] = emb.score(u, items[off + j]) * invTau;
            if (j < n1) {
                max1 = Math.max(max1, z[j]);
            }
            if (second[off + j]) {
                max2 = Math.max(max2, z[j]);
            }
        }
        // one exponential per item, shifted by the larger maximum, unless a subset lies so far below
        // the other that its terms would underflow; then each subset is shifted by its own maximum
        double top = Math.max(w1 > 0 ? max1 : Double.NEGATIVE_INFINITY, w2 > 0 ? max2 : Double.NEGATIVE_INFINITY);
        boolean shared = (w1 == 0 || top - max1 < SHARED_RANGE) && (w2 == 0 || top - max2 < SHARED_RANGE);
        double shift1 = shared ? top : max1;
        double shift2 = shared ? top : max2;
        // per subset: sum of exp, the targets' mass (1 up to float rounding) and sum_i p_i z_i
        double sum1 = 0;
        double sum2 = 0;
        double mass1 = 0;
        double mass2 = 0;
        double dot1 = 0;
        double dot2 = 0;
        for (int j = 0; j < n; j++) {
            boolean in1 = j < n1 && w1 > 0;
            boolean in2 = second[off + j] && w2 > 0;
            double e = shared && (in1 || in2) ? Math.exp(z[j] - top) : 0;
            if (in1) {
                e1[j] = shared ? e : Math.exp(z[j] - shift1);
                sum1 += e1[j];
                mass1 += target1[off + j];
                dot1 += target1[off + j] * z[j];
            }
            if (in2) {
                e2[j] = shared ? e : Math.exp(z[j] - shift2);
                sum2 += e2[j];
                mass2 += target2[off + j];
                dot2 += target2[off + j] * z[j];
            }
        }
        // CE = sum_i p_i (logsumexp - z_i); d CE / d z_i = mass * q_i - p_i
        double userLoss = 0;
        if (w1 > 0) {
            userLoss += w1 * (mass1 * (shift1 + Math.log(sum1)) - dot1);
        }
        if (w2 > 0) {
            userLoss += w2 * (mass2 * (shift2 + Math.log(sum2)) - dot2);
        }
        int pu = u * emb.dim();
        for (int j = 0; j < n; j++) {
            double g = 0;
            if (j < n1 && w1 > 0) {
                g += w1 * (mass1 * e1[j] / sum1 - target1[off + j]);
            }
            if (second[off + j] && w2 > 0) {
                g += w2 * (mass2 * e2[j] / sum2 - target2[off + j]);
            }
            addScoreGradient(items[off + j], (float) (c * g * invTau), emb, pu, userGrad, log);
        }
        return c * userLoss;
    }

    /**
     * Adds a gradient {@code gs} on the score s(u, item): gs q_item to the user's row in
     * {@code userGrad} (which the caller adds to the log once per user), gs p_u to the item's row.
     */
    static void addScoreGradient(int item, float gs, Embeddings emb, int pu, float[] userGrad, GradientLog log) {
        if (gs == 0) {
            return;
        }
        int dim = emb.dim();
        float[] q = emb.items().data();
        int qi = item * dim;
        for (int d = 0; d < dim; d++) {
            userGrad[d] += gs * q[qi + d];
        }
        log.addItem(item, emb.users().data(), pu, gs);
    }
}
