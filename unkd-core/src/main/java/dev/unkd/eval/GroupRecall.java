package dev.unkd.eval;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;

/**
 * Recall@K restricted to one popularity group g: |top-K ∩ held-out ∩ G| / |held-out ∩ G|, NaN when
 * the user has no held-out item in g (METHOD.md section 2). Averaged over all evaluated users as
 * in the authors' code, or over the users with held-out items in g: {@link MeanOverUsers.Denominator}.
 *
 * @param groups the item groups
 * @param group which group
 * @param k the list length
 */
public record GroupRecall(PopularityGroups groups, int group, int k) implements ListMetric {
    public GroupRecall {
        Cutoffs.check(k);
        if (group < 0) {
            throw new IllegalArgumentException("Invalid group: " + group);
        }
    }

    @Override
    public double evaluate(JudgedList list) {
        Interactions heldOut = list.heldOut();
        int[] cols = heldOut.userItemArray();
        int relevant = 0;
        for (int p = heldOut.userStart(list.user()); p < heldOut.userEnd(list.user()); p++) {
            if (groups.groupOf(cols[p]) == group) {
                relevant++;
            }
        }
        if (relevant == 0) {
            return Double.NaN;
        }
        int hits = 0;
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            if (list.relevant(r) && groups.groupOf(list.item(r)) == group) {
                hits++;
            }
        }
        return (double) hits / relevant;
    }
}
