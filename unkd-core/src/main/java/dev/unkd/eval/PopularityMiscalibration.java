package dev.unkd.eval;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;

/**
 * miscalibration@K, popularity miscalibration of one user's list (Abdollahpouri, Mansoury,
 * Burke, Mobasher, Malthouse, RecSys 2021, after Steck's calibration, RecSys 2018): the
 * Jensen–Shannon divergence, base 2 (so in [0, 1]), between the user's distribution over the
 * report's popularity groups in training (p) and in the top K (q):
 * JS(p, q) = ½ Σ_g p_g log2(p_g / m_g) + ½ Σ_g q_g log2(q_g / m_g), m = (p + q) / 2, 0 log 0 = 0.
 * p_g = the share of the user's training items in group g, q_g = the share of the top-K items
 * (min(K, list length)) in group g; items in no group (no training interactions) are left out of
 * both. Averaged over the users for whom it is defined: NaN when the user has no training item in
 * a group or no top-K item in one.
 */
public final class PopularityMiscalibration implements ListMetric {
    private final Interactions train;
    private final PopularityGroups groups;
    private final int k;

    public PopularityMiscalibration(Interactions train, PopularityGroups groups, int k) {
        Cutoffs.check(k);
        this.train = train;
        this.groups = groups;
        this.k = k;
    }

    @Override
    public double evaluate(JudgedList list) {
        int numGroups = groups.numGroups();
        double[] p = new double[numGroups];
        double[] q = new double[numGroups];
        int[] cols = train.userItemArray();
        int u = list.user();
        int inTrain = 0;
        for (int pos = train.userStart(u); pos < train.userEnd(u); pos++) {
            int g = groups.groupOf(cols[pos]);
            if (g != PopularityGroups.NONE) {
                p[g]++;
                inTrain++;
            }
        }
        int inList = 0;
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            int g = groups.groupOf(list.item(r));
            if (g != PopularityGroups.NONE) {
                q[g]++;
                inList++;
            }
        }
        if (inTrain == 0 || inList == 0) {
            return Double.NaN;
        }
        for (int g = 0; g < numGroups; g++) {
            p[g] /= inTrain;
            q[g] /= inList;
        }
        return jensenShannon(p, q);
    }

    /** Jensen–Shannon divergence in bits of two distributions over the same outcomes. */
    static double jensenShannon(double[] p, double[] q) {
        double js = 0;
        for (int g = 0; g < p.length; g++) {
            double m = (p[g] + q[g]) / 2;
            if (p[g] > 0) {
                js += 0.5 * p[g] * log2(p[g] / m);
            }
            if (q[g] > 0) {
                js += 0.5 * q[g] * log2(q[g] / m);
            }
        }
        return Math.max(0, js); // rounding can leave -1e-17 for equal distributions
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
