package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import java.util.List;
import java.util.SortedMap;

/**
 * The settings of one distillation method, which build that method's training objectives for a
 * student: one validated record per method, registered in {@link DistillationMethods}.
 * <ul>
 *   <li>{@link NoDistillation} (none): BPR, the plain student;</li>
 *   <li>{@link UnkdConfig} (unkd): BPR + lambda_KD * L_UnKD ({@link UnbiasedDistiller});</li>
 *   <li>{@link RdConfig} (rd): (1 - w) * BPR + w * L_RD ({@link RankingDistillation}), the authors' mixing;</li>
 *   <li>{@link CdConfig} (cd): BPR + lambda_KD * L_CD ({@link CollaborativeDistillation});</li>
 *   <li>{@link DeRrdConfig} (de-rrd): BPR + lambda_KD * L_RRD + deWeight * L_DE ({@link DeRrdDistillation});</li>
 *   <li>{@link HtdConfig} (htd): BPR + lambda_KD * (alpha L_TD + (1 - alpha) L_GA) ({@link HierarchicalTopologyDistillation});</li>
 *   <li>{@link RrdConfig} (rrd): BPR + lambda_KD * L_RRD, DE-RRD's ranking half alone ({@link RrdDistillation});</li>
 *   <li>{@link DeConfig} (de): BPR + lambda_KD * L_DE, DE-RRD's representation half alone ({@link DeDistillation});</li>
 *   <li>{@link FitNetConfig} (fitnet): BPR + lambda_KD * L_Fit, linear projection to the teacher's embeddings ({@link FeatureDistillation});</li>
 *   <li>{@link DcdConfig} (dcd): BPR + lambda_KD * (L_user + L_item), DCD's dual correction ({@link DualCorrectionDistillation});</li>
 *   <li>{@link RceKdConfig} (rce-kd): BPR + lambda_KD * L_RCE, cross-entropy on rank-closed subsets ({@link RejuvenatedCrossEntropyDistillation}).</li>
 *   <li>{@link HetcompConfig} (hetcomp): BPR + lambda_KD * L_HetComp, easy-to-hard lists from teachers' trajectories ({@link HetcompDistillation}).</li>
 *   <li>{@link UnkdPlusConfig} (unkd-plus): BPR + lambda_KD * L, RCE-KD's subsets within popularity groups plus a deconfounded
 *       cross-group term ({@link UnkdPlusDistillation}).</li>
 * </ul>
 * DE-RRD, HTD, DE and FitNet need the teacher's embeddings and refuse a teacher known by its scores only;
 * HetComp needs teachers with training trajectories ({@link Teacher#trajectories()}) and refuses others.
 * A debiased teacher (e.g. PD, {@link dev.unkd.train.PdBprObjective}) is used like any other: CD
 * and HTD from a PD teacher are the PD-CD and PD-HTD baselines. The trainer adds L2.
 */
public sealed interface DistillerSettings permits NoDistillation, UnkdConfig, RdConfig, CdConfig, DeRrdConfig, HtdConfig,
        RrdConfig, DeConfig, FitNetConfig, DcdConfig, RceKdConfig, HetcompConfig, UnkdPlusConfig {
    /** The method's name on the command line, in experiment configs and in result files ("unkd", "de-rrd", ...). */
    String method();

    /** Weight of the distillation term in the student's loss (lambda_KD, RD's w, DE-RRD's RRD weight; 0 for none). */
    double kdWeight();

    /** The same settings with the KD weight replaced (none: unchanged). */
    DistillerSettings withKdWeight(double w);

    /**
     * The student's training objectives, in the order the trainer applies them. Preparation (ranking
     * the teacher's items) happens here and may take a while on large data; it runs on
     * {@code executor}. Throws {@link IllegalArgumentException} when the teacher does not fit the
     * data or lacks what the method needs.
     */
    List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor);

    /** Every parameter by name in sorted key order, defaults included: a student's provenance. */
    default SortedMap<String, Object> params() {
        return DistillationMethods.of(this).params(this);
    }
}
