package dev.unkd.eval;

import dev.unkd.data.Interactions;
import java.util.Arrays;

/**
 * ipsNdcg@K, inverse-propensity-weighted NDCG (Yang et al., RecSys 2018): each hit at rank r
 * (0-based) gains w_i / log2(r + 2) with w_i = (pop_i + 1)^(−γ) ({@link IpsWeights}); divided by
 * the ideal weighted DCG, the min(K, |held-out|) largest weights of the user's held-out items at
 * the top ranks. Equals NDCG@K when γ = 0.
 *
 * @param weights the item weights
 * @param k the list length
 */
public record IpsNdcg(IpsWeights weights, int k) implements ListMetric {
    public IpsNdcg {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        double dcg = 0;
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            if (list.relevant(r)) {
                dcg += weights.of(list.item(r)) * Ndcg.discount(r);
            }
        }
        Interactions heldOut = list.heldOut();
        int start = heldOut.userStart(list.user());
        double[] w = new double[heldOut.userDegree(list.user())];
        int[] cols = heldOut.userItemArray();
        for (int j = 0; j < w.length; j++) {
            w[j] = weights.of(cols[start + j]);
        }
        Arrays.sort(w);
        double idcg = 0;
        int ideal = Math.min(k, w.length);
        for (int r = 0; r < ideal; r++) {
            idcg += w[w.length - 1 - r] * Ndcg.discount(r);
        }
        return dcg / idcg;
    }
}
