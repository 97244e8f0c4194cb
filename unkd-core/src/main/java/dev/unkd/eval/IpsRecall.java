package dev.unkd.eval;

import dev.unkd.data.Interactions;

/**
 * ipsRecall@K, inverse-propensity-weighted recall (Yang et al., RecSys 2018, self-normalised per
 * user): Σ_{i ∈ top-K ∩ held-out} w_i / Σ_{i ∈ held-out} w_i with w_i = (pop_i + 1)^(−γ)
 * ({@link IpsWeights}). Equals Recall@K when γ = 0.
 *
 * @param weights the item weights
 * @param k the list length
 */
public record IpsRecall(IpsWeights weights, int k) implements ListMetric {
    public IpsRecall {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        double hit = 0;
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            if (list.relevant(r)) {
                hit += weights.of(list.item(r));
            }
        }
        return hit / heldOutWeight(weights, list);
    }

    /** Σ of the weights of the user's held-out items. */
    static double heldOutWeight(IpsWeights weights, JudgedList list) {
        Interactions heldOut = list.heldOut();
        int[] cols = heldOut.userItemArray();
        double total = 0;
        for (int p = heldOut.userStart(list.user()); p < heldOut.userEnd(list.user()); p++) {
            total += weights.of(cols[p]);
        }
        return total;
    }
}
