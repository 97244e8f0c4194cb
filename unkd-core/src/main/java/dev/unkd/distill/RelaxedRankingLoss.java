package dev.unkd.distill;

/**
 * RRD's relaxed list-wise loss (Kang et al., CIKM 2020, eq. 7; {@code Utils/loss.py:
 * relaxed_ranking_loss}): the negative log-likelihood of a Plackett-Luce permutation in which the
 * K interesting items come first, in the teacher's order, ahead of the L uninteresting ones, whose
 * own order is left free:
 * <pre>
 *   loss(x, y) = -[ sum_k x_k - sum_k log( sum_{j &gt;= k} e^{x_j} + sum_l e^{y_l} ) ]
 * </pre>
 * for interesting scores x_1..x_K (teacher's order) and uninteresting scores y_1..y_L. With
 * D_k the k-th denominator, dloss/dx_j = -1 + e^{x_j} sum_{k &lt;= j} 1/D_k and
 * dloss/dy_l = e^{y_l} sum_k 1/D_k. Evaluated with the maximum score factored out, so raw
 * (unbounded) scores do not overflow. Cost O(K + L).
 */
public final class RelaxedRankingLoss {
    private RelaxedRankingLoss() {
    }

    /** Per-thread scratch, grown on demand. */
    public static final class Scratch {
        private double[] expX = new double[0];
        private double[] expY = new double[0];
        private double[] denominators = new double[0];

        void ensure(int k, int l) {
            if (expX.length < k) {
                expX = new double[k];
                denominators = new double[k];
            }
            if (expY.length < l) {
                expY = new double[l];
            }
        }
    }

    /** The loss; writes its gradient to dx[0..k) and dy[0..l) when they are not null. */
    public static double lossAndGradient(double[] x, int k, double[] y, int l, float[] dx, float[] dy, Scratch scratch) {
        if (k < 1) {
            throw new IllegalArgumentException("RRD needs at least one interesting item");
        }
        scratch.ensure(k, l);
        double[] ex = scratch.expX;
        double[] ey = scratch.expY;
        double[] den = scratch.denominators;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, x[j]);
        }
        for (int j = 0; j < l; j++) {
            max = Math.max(max, y[j]);
        }
        double suffix = 0; // sum_l e^{y_l - max}, then + e^{x_j - max} from the last interesting item up
        for (int j = 0; j < l; j++) {
            ey[j] = Math.exp(y[j] - max);
            suffix += ey[j];
        }
        double loss = 0;
        for (int j = k - 1; j >= 0; j--) {
            ex[j] = Math.exp(x[j] - max);
            suffix += ex[j];
            den[j] = suffix;
            loss += Math.log(suffix) + max - x[j];
        }
        double prefix = 0; // sum_{k <= j} 1 / D_k
        for (int j = 0; j < k; j++) {
            prefix += 1 / den[j];
            if (dx != null) {
                dx[j] = (float) (-1 + ex[j] * prefix);
            }
        }
        if (dy != null) {
            for (int j = 0; j < l; j++) {
                dy[j] = (float) (ey[j] * prefix);
            }
        }
        return loss;
    }
}
