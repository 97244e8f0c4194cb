package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import java.util.Objects;

/**
 * Every knob of UnKD (Chen et al., <i>Unbiased Knowledge Distillation for Recommendation</i>,
 * WSDM 2023, section 4; the authors' {@code sample.py: class UnKD}); defaults reproduce the
 * paper's CiteULike setting and the README command.
 *
 * @param groups K, popularity groups of about equal interaction mass (4: {@code --split_group=4})
 * @param sampleBudget pairs per user per epoch before allocation to groups (30: {@code --sample_num})
 * @param ratioExponent lambda: group g gets a share proportional to ratio_g^lambda of the budget,
 *     ratio_g favouring less popular groups (0: equal shares, {@code --lamda} default); see
 *     {@link PairAllocation}
 * @param temperature mu of the rank law p(r) proportional to exp(-(r+1)/mu) (20, hard-coded in
 *     the code as {@code (1 + i) / 20})
 * @param candidates N, the teacher's top items kept per (user, group) (1000: {@code negItems[:1000]})
 * @param tieRedraw what to redraw when both ranks of a pair coincide ({@link TieRedraw#PAIR})
 * @param zeroPopularity where items without training interactions go
 *     ({@link ZeroPopularityItems#EXCLUDED}, as the code)
 * @param kdWeight lambda_KD, the weight of the distillation term next to BPR (0.05, chosen on the
 *     validation users of CiteULike with an MF-100 teacher trained at lr 0.001 and an MF-10 student
 *     at lr 0.01 / decay 0.01: valid NDCG@20 0.0541 at 1.0 (the README's {@code --kd_weight}),
 *     0.0780 at 0.3, 0.0813 at 0.2, 0.0832 at 0.1, 0.0853-0.0867 at 0.05, 0.0835 at 0.03, 0.0799
 *     at 0.02; see docs/RESULTS.md)
 * @param epsilon inside the loss -log(sigmoid(s+ - s-) + epsilon) (1e-10, as the code)
 */
public record UnkdConfig(int groups, int sampleBudget, double ratioExponent, double temperature, int candidates,
        TieRedraw tieRedraw, ZeroPopularityItems zeroPopularity, double kdWeight, double epsilon) {
    public UnkdConfig {
        if (groups < 1) {
            throw new IllegalArgumentException("Invalid number of groups: " + groups + " (must be >= 1)");
        }
        if (sampleBudget < 1) {
            throw new IllegalArgumentException("Invalid sample budget: " + sampleBudget + " (must be >= 1)");
        }
        if (!Double.isFinite(ratioExponent)) {
            throw new IllegalArgumentException("Invalid ratio exponent: " + ratioExponent);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid rank temperature: " + temperature + " (must be positive)");
        }
        if (candidates < 2) {
            throw new IllegalArgumentException("Invalid candidate depth: " + candidates + " (must be >= 2 to form pairs)");
        }
        Objects.requireNonNull(tieRedraw, "tieRedraw");
        Objects.requireNonNull(zeroPopularity, "zeroPopularity");
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid KD weight: " + kdWeight);
        }
        if (!(epsilon >= 0) || epsilon >= 1) {
            throw new IllegalArgumentException("Invalid epsilon: " + epsilon + " (must be in [0, 1))");
        }
    }

    public static UnkdConfig defaults() {
        return new UnkdConfig(4, 30, 0.0, 20.0, TeacherRanking.DEFAULT_DEPTH, TieRedraw.PAIR, ZeroPopularityItems.EXCLUDED,
                0.05, 1e-10);
    }

    /** The popularity groups these settings describe on the given training data. */
    public PopularityGroups popularityGroups(Interactions train) {
        return PopularityGroups.split(train, groups, zeroPopularity == ZeroPopularityItems.LAST_GROUP);
    }

    /** Pairs per group for the given groups (their actual count may be below {@link #groups}). */
    public int[] pairsPerGroup(PopularityGroups popularityGroups) {
        return PairAllocation.of(sampleBudget, popularityGroups, ratioExponent);
    }

    public UnkdConfig withGroups(int k) {
        return new UnkdConfig(k, sampleBudget, ratioExponent, temperature, candidates, tieRedraw, zeroPopularity, kdWeight, epsilon);
    }

    public UnkdConfig withSampleBudget(int n) {
        return new UnkdConfig(groups, n, ratioExponent, temperature, candidates, tieRedraw, zeroPopularity, kdWeight, epsilon);
    }

    public UnkdConfig withRatioExponent(double lambda) {
        return new UnkdConfig(groups, sampleBudget, lambda, temperature, candidates, tieRedraw, zeroPopularity, kdWeight, epsilon);
    }

    public UnkdConfig withTemperature(double mu) {
        return new UnkdConfig(groups, sampleBudget, ratioExponent, mu, candidates, tieRedraw, zeroPopularity, kdWeight, epsilon);
    }

    public UnkdConfig withCandidates(int n) {
        return new UnkdConfig(groups, sampleBudget, ratioExponent, temperature, n, tieRedraw, zeroPopularity, kdWeight, epsilon);
    }

    public UnkdConfig withTieRedraw(TieRedraw rule) {
        return new UnkdConfig(groups, sampleBudget, ratioExponent, temperature, candidates, rule, zeroPopularity, kdWeight, epsilon);
    }

    public UnkdConfig withZeroPopularity(ZeroPopularityItems policy) {
        return new UnkdConfig(groups, sampleBudget, ratioExponent, temperature, candidates, tieRedraw, policy, kdWeight, epsilon);
    }

    public UnkdConfig withKdWeight(double w) {
        return new UnkdConfig(groups, sampleBudget, ratioExponent, temperature, candidates, tieRedraw, zeroPopularity, w, epsilon);
    }
}
