package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;
import java.util.Objects;

/**
 * Settings of HTD, hierarchical topology distillation (Kang, Hwang, Kweon, Yu, <i>Topology
 * Distillation for Recommender System</i>, KDD 2021), with the constants of the authors' code
 * (SeongKu-Kang/Topology_Distillation_KDD21, its notebook's CiteULike setting) and of the UnKD
 * authors' copy ({@code model.py: class HTD}, {@code sample.py: class HTD}). The student's loss is
 * BPR + L2 + kdWeight * (alpha * L_TD + (1 - alpha) * L_GA) on each batch's distinct users and
 * distinct items (positives and negatives), with summed, not averaged, terms as in both codes.
 *
 * @param groups K, groups per side (30: both codes, {@code K=30}); users fall in groups 0..K-1,
 *     items in K..2K-1
 * @param alpha weight of the topology term against the group-assignment term (0.5: the HTD
 *     notebook; the UnKD code's {@code --alpha} default 1.0 switches group assignment off, so its
 *     gate keeps its random initial assignment)
 * @param kdWeight weight of the whole HTD term (1e-6: the HTD notebook's {@code lmbda_TD} = 0.001
 *     multiplies a BPR loss summed over batches of 1024, unkd's BPR is the batch mean, so the same
 *     balance is about 0.001 / 1024; measured at initialisation on CiteULike, MF-100 teacher to
 *     MF-10 student, the HTD / BPR gradient-norm ratio is then 19 against 7 to 10 in the original
 *     setting, where 0.001 would make it 2e4. The UnKD code multiplies by {@code --kd_weight} = 1.0,
 *     a ratio of about 2e7: its HTD student learns from the topology alone)
 * @param gateTemperature of the Gumbel-softmax group assignment (0.1: UnKD's fixed {@code T}; the
 *     HTD code anneals it from 1 towards 1e-10 over the maximum epoch count)
 * @param activation of the group-wise reconstruction networks ({@link ExpertActivation#HIDDEN}:
 *     Linear-ReLU-Linear in both codes)
 * @param prototypeRelations which prototype-entity pairs the group-level topology compares
 *     ({@link PrototypeRelations#OTHER_GROUPS}, the UnKD code)
 * @param expertCutoff experts whose Gumbel-softmax weight is below it are skipped (1e-6; with
 *     temperature 0.1 this leaves a few of 30 experts per entity; 0 computes all, exactly)
 * @param lr Adam learning rate of the reconstruction and gate networks (0.01; the codes train them
 *     with the student's optimiser, and the command line passes the student's --lr)
 */
public record HtdConfig(
        @Param(flag = "--htd-groups", description = "Groups per side") int groups,
        @Param(flag = "--htd-alpha", description = "Weight of topology vs group assignment, alpha TD + (1 - alpha) GA") double alpha,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the whole HTD term (sums over the batch's entities)")
        double kdWeight,
        @Param(flag = "--htd-temperature", description = "Gumbel-softmax temperature of group assignment") double gateTemperature,
        @Param(description = "ReLU placement of the group-wise reconstruction networks: HIDDEN (Linear-ReLU-Linear, both codes) or OUTPUT")
        ExpertActivation activation,
        @Param(flag = "--htd-prototypes", description = "Group-level topology compares each entity with the prototypes of OTHER_GROUPS"
                + " (UnKD code) or ALL_GROUPS (HTD code)") PrototypeRelations prototypeRelations,
        @Param(flag = "--htd-cutoff", description = "Skip reconstruction networks whose Gumbel-softmax weight is below this (0 = exact)")
        double expertCutoff,
        @Param(flag = "--lr", shared = true, description = "Adam learning rate of the reconstruction and gate networks (the student's --lr)")
        double lr) implements DistillerSettings {
    public HtdConfig {
        if (groups < 1) {
            throw new IllegalArgumentException("Invalid groups: " + groups + " (number of HTD groups, must be >= 1)");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Invalid alpha: " + alpha + " (HTD alpha, must be in [0, 1])");
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (HTD weight, must be >= 0)");
        }
        if (!(gateTemperature > 0) || Double.isInfinite(gateTemperature)) {
            throw new IllegalArgumentException("Invalid gateTemperature: " + gateTemperature + " (group-assignment temperature, must be positive)");
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(prototypeRelations, "prototypeRelations");
        if (!(expertCutoff >= 0) || expertCutoff >= 1) {
            throw new IllegalArgumentException("Invalid expertCutoff: " + expertCutoff + " (expert cutoff, must be in [0, 1))");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid lr: " + lr + " (learning rate, must be positive)");
        }
    }

    public static HtdConfig defaults() {
        return new HtdConfig(30, 0.5, 1e-6, 0.1, ExpertActivation.HIDDEN, PrototypeRelations.OTHER_GROUPS, 1e-6, 0.01);
    }

    public HtdConfig withKdWeight(double w) {
        return new HtdConfig(groups, alpha, w, gateTemperature, activation, prototypeRelations, expertCutoff, lr);
    }

    public HtdConfig withGroups(int k) {
        return new HtdConfig(k, alpha, kdWeight, gateTemperature, activation, prototypeRelations, expertCutoff, lr);
    }

    public HtdConfig withAlpha(double a) {
        return new HtdConfig(groups, a, kdWeight, gateTemperature, activation, prototypeRelations, expertCutoff, lr);
    }

    public HtdConfig withGateTemperature(double t) {
        return new HtdConfig(groups, alpha, kdWeight, t, activation, prototypeRelations, expertCutoff, lr);
    }

    public HtdConfig withPrototypeRelations(PrototypeRelations r) {
        return new HtdConfig(groups, alpha, kdWeight, gateTemperature, activation, r, expertCutoff, lr);
    }

    public HtdConfig withExpertCutoff(double c) {
        return new HtdConfig(groups, alpha, kdWeight, gateTemperature, activation, prototypeRelations, c, lr);
    }

    public HtdConfig withLr(double v) {
        return new HtdConfig(groups, alpha, kdWeight, gateTemperature, activation, prototypeRelations, expertCutoff, v);
    }

    @Override
    public String method() {
        return "htd";
    }

    /** BPR + kdWeight * (alpha L_TD + (1 - alpha) L_GA); refuses a teacher without embeddings. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        TeacherInputs.scorer(teacher, data);
        Embeddings embeddings = TeacherInputs.embeddings(method(), teacher, data);
        return List.of(new BprObjective(1.0), new HierarchicalTopologyDistillation(this, data.train(), embeddings));
    }

    /** The reconstruction networks' hidden width, (student + teacher) / 2 as in both codes. */
    public static int hiddenWidth(int studentDim, int teacherDim) {
        return (studentDim + teacherDim) / 2;
    }
}
