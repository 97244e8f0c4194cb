package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of unkd-plus ({@link UnkdPlusDistillation}): UnKD's stratification with a student-aware
 * list-wise term, plus a popularity-deconfounded order across the groups. Per user u and popularity
 * group g (K groups of equal interaction mass, as UnKD), RCE-KD's two subsets ({@link ClosedSubsets})
 * built from the teacher's and the student's rankings <i>within g</i>; across groups, the teacher's
 * best {@code crossTop} items of every group with targets
 * softmax((t(u,i) - penalty log(1 + pop_i) - b_g(i)) / tau), b_g >= 0 a penalty per group that an
 * exposure controller moves every epoch so that the student's top-20 share of each group stays at
 * its target (the teacher's, tilted towards the validation interactions').
 * The student's loss is BPR + L2 + kdWeight * L, per batch row
 * <pre>
 *   L(u) = 1/K sum_g [(1 - gamma_ug) CE_J1g(u) + gamma_ug CE_J2g(u)]  +  crossWeight CE_C(u)
 * </pre>
 * Each part can be switched off for ablations: {@code groups = 1} removes the stratification,
 * {@code crossWeight = 0} the cross-group term, {@code exposureGain = 0} with {@code penalty = 0}
 * the deconfounding, {@code exposureTilt = 0} the tilt of the target.
 *
 * @param groups K, popularity groups of about equal interaction mass (4, as UnKD)
 * @param topK the teacher's top items per (user, group), and the student's top items of J1 (20)
 * @param samples closure samples per (user, group) and epoch from the student's in-group list (20)
 * @param studentDepth the student's top items per (user, group) the samples are drawn from (100)
 * @param sampleTemperature T of the closure weight exp((c + 1) / T) (10, RCE-KD's)
 * @param temperature tau of every softmax (1, RCE-KD's)
 * @param beta of gamma = exp(-beta * overlap) per (user, group) (3, RCE-KD's)
 * @param refreshEvery the student's in-group lists are recomputed every this many epochs (1)
 * @param excludeTrain leave the user's training items out of the in-group lists (true: the
 *     training items are BPR's; the cross-group set always leaves them out)
 * @param crossWeight weight of the cross-group cross-entropy next to the groups' mean (1; 0 = off)
 * @param crossTop the teacher's best unobserved items per group in the cross-group set (10)
 * @param penalty gamma, the popularity penalty on the teacher's cross-group scores (0; must be 0
 *     when fitted)
 * @param fitPenalty use the penalty fitted on the teacher alone so that its deconfounded
 *     top-20 group shares come closest to the validation interactions' ({@link PopularityPenalty};
 *     off: on synthetic data that target sends the student's popular-group share far below the
 *     teacher's, docs/UNKD-PLUS.md)
 * @param exposureGain kappa of the exposure controller: at every epoch start each group's penalty
 *     moves by kappa sd_T (share_Sg - target_g) and stays >= 0, share_Sg the student's share of
 *     top-20 slots in group g, sd_T the spread of the teacher's scores (1; 0 = no group penalties)
 * @param exposureTilt target_g = (1 - tilt) share_Tg + tilt share_Vg, share_Tg the teacher's top-20
 *     share of group g and share_Vg the validation interactions' (0.5: with USER units it lifts the unpopular
 *     half's recall on MovieLens above UnKD's, where 0.1 left it below, docs/UNKD-PLUS.md)
 * @param pairWeight weight of UnKD's within-group pair loss ({@link UnbiasedDistiller}, UnKD's default
 *     sampling on the same groups) as a further term next to BPR (0 = off)
 * @param crossStudentTop the student's best unobserved items per group (from its in-group lists, refreshed with them) added
 *     to the cross-group set with the same teacher-based targets, so the term also pushes down the items the student
 *     over-ranks, not only the teacher's best (0 = off)
 * @param kdDecay the KD weight is multiplied by this after every {@code kdPatience} validations in a row without
 *     improvement of the selection metric (0.5; 1 = constant): the weight is found on validation during training, the
 *     term hands over to BPR when it stops helping and fades out where the teacher does not help at all (the issue's
 *     idea 4; on dense synthetic data R@10 0.0835 with a constant 100, 0.1050 decaying, docs/UNKD-PLUS.md)
 * @param kdPatience validations without improvement before each decay (2)
 * @param zeroPopularity items without training interactions: in the last group (LAST_GROUP, the default), so its lists
 *     and terms rank them as the teacher does, or in no group (EXCLUDED, UnKD's code), so no term sees them: their
 *     scores then drift to about 0, above the grouped items the list-wise terms push down, and they take tail slots of
 *     the student's lists that the exposure controller does not see (4% of the top-20 on a sparse synthetic dataset,
 *     docs/UNKD-PLUS.md)
 * @param penaltyUnit the unit of the group penalties b_g in each user's cross-group targets: the pooled spread of the
 *     teacher's scores (POOLED) or the user's own over its cross-group set (USER, the default: pooled units give
 *     the tail slots to the few users whose teacher scores are flat), {@link PenaltyUnit}
 * @param kdWeight weight of L next to BPR (both averaged over the batch rows)
 */
public record UnkdPlusConfig(
        @Param(flag = "--groups", shared = true, description = "Popularity groups K (1 = no stratification)") int groups,
        @Param(flag = "--plus-k", description = "The teacher's top items per user and group, and the student's of the first subset") int topK,
        @Param(flag = "--plus-l", description = "Closure samples per user, group and epoch from the student's in-group list") int samples,
        @Param(flag = "--plus-depth", description = "The student's top items per user and group the samples are drawn from") int studentDepth,
        @Param(description = "Temperature T of the closure sampling weight exp((c + 1) / T)") double sampleTemperature,
        @Param(flag = "--plus-tau", description = "Softmax temperature tau of every cross-entropy") double temperature,
        @Param(description = "beta of the mixing weight gamma = exp(-beta * overlap) per user and group") double beta,
        @Param(flag = "--plus-refresh", description = "Recompute the student's in-group lists every this many epochs") int refreshEvery,
        @Param(flag = "--plus-mask-train", description = "Leave the user's training items out of the in-group lists") boolean excludeTrain,
        @Param(flag = "--cross-weight", description = "Weight of the cross-group cross-entropy (0 = off)") double crossWeight,
        @Param(flag = "--cross-top", description = "The teacher's best unobserved items per group in the cross-group set") int crossTop,
        @Param(flag = "--popularity-penalty", description = "Penalty on log(1 + popularity) in the cross-group targets, when not fitted")
        double penalty,
        @Param(flag = "--fit-penalty", description = "Start from the penalty that makes the teacher's top-20 group shares match the"
                + " validation set's") boolean fitPenalty,
        @Param(flag = "--exposure-gain", description = "Gain of the per-epoch controller of the group penalties that holds the student's"
                + " top-20 group shares at their targets (0 = off)") double exposureGain,
        @Param(flag = "--exposure-tilt", description = "Where the controller's target group shares lie between the teacher's (0) and the"
                + " validation interactions' (1)") double exposureTilt,
        @Param(flag = "--plus-pair-weight", keyNeutral = "0.0", description = "Weight of UnKD's within-group pair term next to BPR (0 = off)")
        double pairWeight,
        @Param(flag = "--cross-student", keyNeutral = "0", description = "The student's best unobserved items per group added to the"
                + " cross-group set, with the same teacher-based targets (0 = off)") int crossStudentTop,
        @Param(flag = "--plus-kd-decay", keyNeutral = "1.0", description = "Factor on the KD weight after each kdPatience validations"
                + " without improvement (1 = a constant weight)") double kdDecay,
        @Param(flag = "--plus-kd-patience", keyNeutral = "2", description = "Validations without improvement before the KD weight decays")
        int kdPatience,
        @Param(flag = "--zero-popularity", shared = true, keyNeutral = "EXCLUDED", description = "Items without training interactions:"
                + " LAST_GROUP (in the tail group's lists and terms) or EXCLUDED (in no group, as UnKD's code)")
        ZeroPopularityItems zeroPopularity,
        @Param(flag = "--penalty-unit", keyNeutral = "POOLED", description = "Unit of the exposure controller's group penalties in a"
                + " user's cross-group targets: POOLED (the teacher's score spread over all users) or USER (the user's own)")
        PenaltyUnit penaltyUnit,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the unkd-plus term next to BPR") double kdWeight)
        implements DistillerSettings {
    public UnkdPlusConfig {
        if (groups < 1) {
            throw new IllegalArgumentException("Invalid groups: " + groups + " (number of popularity groups, must be >= 1)");
        }
        try { // the in-group subsets are RCE-KD's: the same rules on K, L, D, T, tau, beta and the refresh period
            new RceKdConfig(topK, samples, studentDepth, sampleTemperature, topK, temperature, beta, refreshEvery, excludeTrain, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unkd-plus in-group subsets: " + e.getMessage(), e);
        }
        if (!(crossWeight >= 0) || Double.isInfinite(crossWeight)) {
            throw new IllegalArgumentException("Invalid crossWeight: " + crossWeight + " (cross-group weight, must be >= 0)");
        }
        if (crossTop < 1) {
            throw new IllegalArgumentException("Invalid crossTop: " + crossTop + " (cross-group items per group, must be >= 1)");
        }
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("Invalid penalty: " + penalty + " (popularity penalty, must be >= 0)");
        }
        if (fitPenalty && penalty != 0) {
            throw new IllegalArgumentException("Invalid penalty: " + penalty + " (a fitted penalty replaces it; turn the fit off"
                    + " (--no-fit-penalty, fitPenalty: false) to use a fixed one)");
        }
        if (!(exposureGain >= 0) || Double.isInfinite(exposureGain)) {
            throw new IllegalArgumentException("Invalid exposureGain: " + exposureGain + " (exposure controller gain, must be >= 0)");
        }
        if (!(exposureTilt >= 0 && exposureTilt <= 1)) {
            throw new IllegalArgumentException("Invalid exposureTilt: " + exposureTilt + " (exposure target between the teacher's shares, 0,"
                    + " and the validation interactions', 1)");
        }
        if (exposureGain > 0 && crossWeight > 0 && studentDepth < PopularityPenalty.CUTOFF) {
            throw new IllegalArgumentException("Invalid studentDepth: " + studentDepth + " (the exposure controller reads the student's top "
                    + PopularityPenalty.CUTOFF + " from its in-group lists, so they must be at least that deep; or set exposureGain 0)");
        }
        if (!(pairWeight >= 0) || Double.isInfinite(pairWeight)) {
            throw new IllegalArgumentException("Invalid pairWeight: " + pairWeight + " (weight of UnKD's pair term, must be >= 0)");
        }
        if (crossStudentTop < 0 || crossStudentTop > studentDepth) {
            throw new IllegalArgumentException("Invalid crossStudentTop: " + crossStudentTop + " (the student's items per group in the"
                    + " cross-group set, from 0 to studentDepth " + studentDepth + ")");
        }
        if (!(kdDecay > 0 && kdDecay <= 1)) {
            throw new IllegalArgumentException("Invalid kdDecay: " + kdDecay + " (factor on the KD weight at validation plateaus, in (0, 1])");
        }
        if (kdPatience < 1) {
            throw new IllegalArgumentException("Invalid kdPatience: " + kdPatience + " (validations before the KD weight decays, must be >= 1)");
        }
        Objects.requireNonNull(zeroPopularity, "zeroPopularity");
        Objects.requireNonNull(penaltyUnit, "penaltyUnit");
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (unkd-plus weight, must be >= 0)");
        }
    }

    public static UnkdPlusConfig defaults() {
        return new UnkdPlusConfig(4, 20, 20, 100, 10, 1, 3, 1, true, 1, 10, 0, false, 1, 0.5, 0, 0, 0.5, 2, ZeroPopularityItems.LAST_GROUP, PenaltyUnit.USER, 100);
    }

    /** RCE-KD's settings for the subsets of one group (the closure count capped at K, as RCE-KD's default). */
    RceKdConfig withinGroup() {
        return new RceKdConfig(topK, samples, studentDepth, sampleTemperature, topK, temperature, beta, refreshEvery, excludeTrain, kdWeight);
    }

    public UnkdPlusConfig withGroups(int k) {
        return new UnkdPlusConfig(k, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** K, L and the student's in-group list depth. */
    public UnkdPlusConfig withSizes(int k, int l, int depth) {
        return new UnkdPlusConfig(groups, k, l, depth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain, crossWeight,
                crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    public UnkdPlusConfig withExcludeTrain(boolean exclude) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, exclude,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** The cross-group term's weight and items per group. */
    public UnkdPlusConfig withCross(double weight, int top) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                weight, top, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** A fixed popularity penalty gamma (not fitted). */
    public UnkdPlusConfig withPenalty(double p) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, p, false, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    public UnkdPlusConfig withFittedPenalty() {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, 0, true, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** The exposure controller's target: 0 the teacher's top-20 group shares, 1 the validation interactions'. */
    public UnkdPlusConfig withExposureTilt(double tilt) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, tilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** The exposure controller's gain (0 = off). */
    public UnkdPlusConfig withExposureGain(double kappa) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, kappa, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** The weight of UnKD's within-group pair term (0 = off). */
    public UnkdPlusConfig withPairWeight(double w) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, w, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** The student's best items per group added to the cross-group set (0 = off). */
    public UnkdPlusConfig withCrossStudent(int top) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, top, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** The KD weight's decay factor at validation plateaus and their length (1 = a constant weight). */
    public UnkdPlusConfig withKdDecay(double decay, int patience) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, decay, patience, zeroPopularity, penaltyUnit, kdWeight);
    }

    /** Where the items without training interactions go. */
    public UnkdPlusConfig withZeroPopularity(ZeroPopularityItems z) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, z, penaltyUnit,
                kdWeight);
    }

    /** The unit of the exposure controller's group penalties in each user's cross-group targets. */
    public UnkdPlusConfig withPenaltyUnit(PenaltyUnit unit) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity,
                unit, kdWeight);
    }

    public UnkdPlusConfig withTemperature(double tau) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, tau, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, kdWeight);
    }

    @Override
    public UnkdPlusConfig withKdWeight(double w) {
        return new UnkdPlusConfig(groups, topK, samples, studentDepth, sampleTemperature, temperature, beta, refreshEvery, excludeTrain,
                crossWeight, crossTop, penalty, fitPenalty, exposureGain, exposureTilt, pairWeight, crossStudentTop, kdDecay, kdPatience, zeroPopularity, penaltyUnit, w);
    }

    @Override
    public String method() {
        return "unkd-plus";
    }

    /** What the in-group lists leave out: the training items, or nothing. */
    Interactions excluded(Interactions train) {
        return excludeTrain ? train : Interactions.empty(train.numUsers(), train.numItems());
    }

    /** The popularity groups on the given training data (items without training interactions as {@link #zeroPopularity} says). */
    public PopularityGroups popularityGroups(Interactions train) {
        return PopularityGroups.split(train, groups, zeroPopularity == ZeroPopularityItems.LAST_GROUP);
    }

    /**
     * BPR + kdWeight * L. Needs the teacher's score of any item the student ranks high, so a score
     * file that lists some pairs only is refused.
     */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        Scorer scorer = TeacherInputs.everyScore(method(), teacher, data);
        PopularityGroups popularityGroups = popularityGroups(data.train());
        List<BatchObjective> objectives = new ArrayList<>(List.of(new BprObjective(1.0),
                UnkdPlusDistillation.prepare(this, scorer, data, popularityGroups, executor)));
        if (pairWeight > 0) {
            UnkdConfig pairs = UnkdConfig.defaults().withGroups(groups).withKdWeight(pairWeight);
            objectives.add(UnbiasedDistiller.prepare(pairs, scorer, data.train(), popularityGroups, executor));
        }
        return List.copyOf(objectives);
    }
}
