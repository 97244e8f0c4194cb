package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;
import java.util.Objects;

/**
 * Every knob of UnKD (Chen, Chen, Feng, Zhou, He, <i>Unbiased Knowledge Distillation for
 * Recommendation</i>, WSDM 2023, section 4; the authors' {@code sample.py: class UnKD}); defaults
 * reproduce the paper's CiteULike setting and the README command. The student's loss is
 * BPR + L2 + kdWeight * L_UnKD ({@link UnbiasedDistiller}).
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
public record UnkdConfig(
        @Param(flag = "--groups", description = "Popularity groups K (1 = no stratification)") int groups,
        @Param(flag = "--samples", description = "Pairs per user per epoch, split over the groups") int sampleBudget,
        @Param(flag = "--ratio-exponent", description = "Lambda of the popularity-ratio allocation of pairs to groups (0 = equal shares)")
        double ratioExponent,
        @Param(flag = "--temperature", description = "Mu of the rank law exp(-(r+1)/mu)") double temperature,
        @Param(flag = "--candidates", description = "Teacher's top items kept per user and group") int candidates,
        @Param(description = "What to redraw when both ranks of a pair coincide: PAIR (the tied pair) or GROUP (the whole group, as the"
                + " authors' code)") TieRedraw tieRedraw,
        @Param(flag = "--zero-popularity", description = "Items without training interactions: EXCLUDED (authors' code) or LAST_GROUP")
        ZeroPopularityItems zeroPopularity,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the UnKD term next to BPR") double kdWeight,
        @Param(description = "Epsilon inside the loss -log(sigmoid(s+ - s-) + epsilon)") double epsilon) implements DistillerSettings {
    public UnkdConfig {
        if (groups < 1) {
            throw new IllegalArgumentException("Invalid groups: " + groups + " (number of popularity groups, must be >= 1)");
        }
        if (sampleBudget < 1) {
            throw new IllegalArgumentException("Invalid sampleBudget: " + sampleBudget + " (pairs per user per epoch, must be >= 1)");
        }
        if (!Double.isFinite(ratioExponent)) {
            throw new IllegalArgumentException("Invalid ratioExponent: " + ratioExponent + " (must be finite)");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid temperature: " + temperature + " (rank temperature, must be positive)");
        }
        if (candidates < 2) {
            throw new IllegalArgumentException("Invalid candidates: " + candidates + " (candidate depth, must be >= 2 to form pairs)");
        }
        Objects.requireNonNull(tieRedraw, "tieRedraw");
        Objects.requireNonNull(zeroPopularity, "zeroPopularity");
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (KD weight, must be >= 0)");
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

    @Override
    public String method() {
        return "unkd";
    }

    /** BPR + kdWeight * L_UnKD, with the popularity groups split from the training data ({@link #popularityGroups}). */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        return objectives(teacher, data, popularityGroups(data.train()), executor);
    }

    /** BPR + kdWeight * L_UnKD with given popularity groups (e.g. read from the authors' {@code item_groups.txt}). */
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, PopularityGroups popularityGroups, ChunkedExecutor executor) {
        Objects.requireNonNull(popularityGroups, "popularityGroups");
        Scorer scorer = TeacherInputs.scorer(teacher, data);
        return List.of(new BprObjective(1.0), UnbiasedDistiller.prepare(this, scorer, data.train(), popularityGroups, executor));
    }

    /**
     * BPR + kdWeight * L_UnKD with the pairs from a source instead of a teacher (e.g.
     * {@link PairShards} drawn by the Spark job): the same list, in the same order, as the
     * in-process path, so a run with the same seed and pairs trains the same student. Of these
     * settings only the loss's (KD weight, epsilon) apply; the source fixed the sampling.
     */
    public List<BatchObjective> objectives(PairSource pairs) {
        return List.of(new BprObjective(1.0), new UnbiasedDistiller(this, pairs, 0));
    }
}
