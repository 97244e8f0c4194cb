package dev.unkd.eval;

import dev.unkd.data.PopularityGroups;

/**
 * aplt@K, average percentage of long-tail items (Abdollahpouri, Burke, Mobasher, FLAIRS 2019):
 * per user, |top-K ∩ Γ| / |top-K|, averaged over users, where the long tail Γ is the unpopular
 * group (group 1) of the K = 2 equal-mass partition that {@code unpopularRecall} uses. Items
 * without training interactions belong to no group, so they are not in Γ. |top-K| is
 * min(K, list length); an empty list counts 0.
 *
 * @param halves the K = 2 partition (group 1 is the long tail)
 * @param k the list length
 */
public record LongTailShare(PopularityGroups halves, int k) implements ListMetric {
    /** The group of {@code halves} that is the long tail. */
    public static final int LONG_TAIL = 1;

    public LongTailShare {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        int len = Math.min(k, list.length());
        if (len == 0) {
            return 0;
        }
        int tail = 0;
        for (int r = 0; r < len; r++) {
            if (halves.groupOf(list.item(r)) == LONG_TAIL) {
                tail++;
            }
        }
        return (double) tail / len;
    }
}
