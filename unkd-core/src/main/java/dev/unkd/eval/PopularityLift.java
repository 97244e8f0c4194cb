package dev.unkd.eval;

import dev.unkd.data.Interactions;

/**
 * popLift@K, the popularity lift of one user's list, ΔGAP of Abdollahpouri, Mansoury, Burke,
 * Mobasher, Malthouse (UMAP 2021): mean training popularity of the top-K items / mean training
 * popularity of the user's training items − 1. Positive: the list is more popular than the
 * user's own taste; 0: as popular. Averaged over the users for whom it is defined: NaN (left out
 * of the mean) when the user has no training items or the list is empty. |top-K| is
 * min(K, list length); items without training interactions count with popularity 0.
 */
public final class PopularityLift implements ListMetric {
    private final Interactions train;
    private final int[] popularity;
    private final int k;

    /** {@code popularity[i]}: training interactions of item i (not copied; do not modify). */
    public PopularityLift(Interactions train, int[] popularity, int k) {
        Cutoffs.check(k);
        this.train = train;
        this.popularity = popularity;
        this.k = k;
    }

    @Override
    public double evaluate(JudgedList list) {
        int len = Math.min(k, list.length());
        double profile = profilePopularity(train, popularity, list.user());
        if (len == 0 || Double.isNaN(profile)) {
            return Double.NaN;
        }
        double pop = 0;
        for (int r = 0; r < len; r++) {
            pop += popularity[list.item(r)];
        }
        return pop / len / profile - 1;
    }

    /** Mean popularity of the user's training items (at least 1 when there are any), NaN without any. */
    static double profilePopularity(Interactions train, int[] popularity, int user) {
        int n = train.userDegree(user);
        if (n == 0) {
            return Double.NaN;
        }
        int[] cols = train.userItemArray();
        long sum = 0;
        for (int p = train.userStart(user); p < train.userEnd(user); p++) {
            sum += popularity[cols[p]];
        }
        return (double) sum / n;
    }
}
