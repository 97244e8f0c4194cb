package dev.unkd.distill;

import dev.unkd.data.PopularityGroups;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * How UnKD splits its per-user sample budget over the popularity groups (Chen et al., WSDM
 * 2023, section 4; the authors' {@code sample.py: UnKD.get_rank_negItems / KD_sampling}).
 *
 * <p>Group g gets round(budget * w_g) pairs, rounding half to even like Python's {@code round};
 * when the rounded counts sum to less than the budget, the first groups get one pair more each
 * until they reach it (the code's {@code if i < tm: dis_n += 1}); when they sum to more, the
 * surplus is kept. With w_g = 1/K this gives 8 pairs per group for a budget of 30 and K = 4,
 * i.e. 32 pairs per user, exactly as the code.
 *
 * <p>Weights: w_g proportional to ratio_g^lambda (lambda = 0 by default, i.e. equal shares).
 * The code's ratio ({@code dataloader.splitGroup: cate_ratio}) favours the long tail: with
 * m_g the mean popularity of group g, ratio_g = max(0.1, round2(((max m + min m) - m_g) / sum)),
 * where the sum runs over the reflected values and round2 rounds to two decimals.
 */
public final class PairAllocation {
    private PairAllocation() {
    }

    /** Pairs per group for the given weights (which need not be normalised). */
    public static int[] perGroup(int budget, double[] weights) {
        if (budget < 1) {
            throw new IllegalArgumentException("Invalid sample budget: " + budget);
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Invalid group weight: " + w);
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("Group weights sum to " + total + " (need a positive sum): " + Arrays.toString(weights));
        }
        int[] n = new int[weights.length];
        int sum = 0;
        for (int g = 0; g < weights.length; g++) {
            n[g] = (int) Math.rint(weights[g] / total * budget);
            sum += n[g];
        }
        for (int g = 0; g < budget - sum && g < n.length; g++) {
            n[g]++;
        }
        return n;
    }

    /**
     * UnKD's allocation for a budget and groups: equal shares when lambda = 0, else by popularity
     * ratio. The one rule every caller uses ({@link UnkdConfig#pairsPerGroup}, the Spark pairs job).
     */
    public static int[] of(int budget, PopularityGroups groups, double lambda) {
        return lambda == 0 ? equal(budget, groups.numGroups()) : byPopularityRatio(budget, groups, lambda);
    }

    /** Equal shares: w_g = 1/K. */
    public static int[] equal(int budget, int groups) {
        double[] w = new double[groups];
        Arrays.fill(w, 1.0);
        return perGroup(budget, w);
    }

    /** w_g proportional to ratio_g^lambda with the code's popularity ratio (see the class comment). */
    public static int[] byPopularityRatio(int budget, PopularityGroups groups, double lambda) {
        double[] ratio = popularityRatios(groups);
        double[] w = new double[ratio.length];
        for (int g = 0; g < ratio.length; g++) {
            w[g] = Math.pow(ratio[g], lambda);
        }
        return perGroup(budget, w);
    }

    /**
     * The authors' per-group ratio: mean popularity reflected around (max + min), normalised,
     * rounded to two decimals (half even on the exact binary value, as Python's {@code round}),
     * floored at 0.1. A group without items counts as mean popularity 0.
     */
    public static double[] popularityRatios(PopularityGroups groups) {
        int k = groups.numGroups();
        double[] mean = new double[k];
        for (int g = 0; g < k; g++) {
            int size = groups.members(g).length;
            mean[g] = size == 0 ? 0 : (double) groups.mass(g) / size;
        }
        double max = Arrays.stream(mean).max().orElse(0);
        double min = Arrays.stream(mean).min().orElse(0);
        double sum = 0;
        double[] ratio = new double[k];
        for (int g = 0; g < k; g++) {
            ratio[g] = (max + min) - mean[g];
            sum += ratio[g];
        }
        for (int g = 0; g < k; g++) {
            double r = sum > 0 ? ratio[g] / sum : 1.0 / k;
            r = new BigDecimal(r).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
            ratio[g] = Math.max(0.1, r);
        }
        return ratio;
    }
}
