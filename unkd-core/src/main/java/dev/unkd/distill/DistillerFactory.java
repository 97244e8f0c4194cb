package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;
import java.util.Optional;

/**
 * The training objectives of a student for a distillation method: the entry point a command
 * line or experiment runner calls.
 * <ul>
 *   <li>none: BPR (the plain student);</li>
 *   <li>unkd: BPR + lambda_KD * L_UnKD ({@link UnbiasedDistiller});</li>
 *   <li>rd: (1 - w) * BPR + w * L_RD ({@link RankingDistillation}), the authors' mixing;</li>
 *   <li>cd: BPR + lambda_KD * L_CD ({@link CollaborativeDistillation});</li>
 *   <li>de-rrd: BPR + lambda_KD * L_RRD + deWeight * L_DE ({@link DeRrdDistillation});</li>
 *   <li>htd: BPR + lambda_KD * (alpha L_TD + (1 - alpha) L_GA) ({@link HierarchicalTopologyDistillation}).</li>
 * </ul>
 * DE-RRD and HTD need the teacher's embeddings and refuse a teacher known by its scores only.
 * A debiased teacher (e.g. PD, {@link dev.unkd.train.PdBprObjective}) is used like any other: CD
 * and HTD from a PD teacher are the PD-CD and PD-HTD baselines.
 * The trainer adds L2. Preparation (ranking the teacher's items) happens here and may take a
 * while on large data; it runs on {@code executor}.
 */
public final class DistillerFactory {
    private DistillerFactory() {
    }

    /** Objectives with UnKD's popularity groups split from the training data per {@code config.unkd()}. */
    public static List<BatchObjective> objectives(DistillationMethod method, DistillationConfig config, Teacher teacher, Dataset data,
            ChunkedExecutor executor) {
        PopularityGroups groups = method == DistillationMethod.UNKD ? config.unkd().popularityGroups(data.train()) : null;
        return build(method, config, teacher, data, groups, executor);
    }

    /** Objectives with given popularity groups for UnKD (e.g. read from the authors' {@code item_groups.txt}). */
    public static List<BatchObjective> objectives(DistillationMethod method, DistillationConfig config, Teacher teacher, Dataset data,
            PopularityGroups groups, ChunkedExecutor executor) {
        java.util.Objects.requireNonNull(groups, "groups");
        return build(method, config, teacher, data, groups, executor);
    }

    /**
     * UnKD's objectives with the pairs from a source instead of a teacher (e.g. {@link PairShards}
     * drawn by the Spark job): the same list, in the same order, as the in-process path, so a
     * run with the same seed and pairs trains the same student.
     */
    public static List<BatchObjective> unkdObjectives(UnkdConfig config, PairSource pairs) {
        return List.of(new BprObjective(1.0), new UnbiasedDistiller(config, pairs, 0));
    }

    private static List<BatchObjective> build(DistillationMethod method, DistillationConfig config, Teacher teacher, Dataset data,
            PopularityGroups groups, ChunkedExecutor executor) {
        if (method == DistillationMethod.NONE) {
            return List.of(new BprObjective(1.0));
        }
        Scorer scorer = teacher.scorer();
        if (scorer.numUsers() != data.numUsers() || scorer.numItems() != data.numItems()) {
            throw new IllegalArgumentException("teacher (" + teacher.source() + ") has " + scorer.numUsers() + " users x "
                    + scorer.numItems() + " items, data has " + data.numUsers() + " x " + data.numItems());
        }
        return switch (method) {
            case UNKD -> List.of(new BprObjective(1.0),
                    UnbiasedDistiller.prepare(config.unkd(), scorer, data.train(), groups, executor));
            case RD -> List.of(new BprObjective(1.0 - config.rd().kdWeight()),
                    RankingDistillation.prepare(config.rd(), scorer, data.train(), executor));
            case CD -> List.of(new BprObjective(1.0),
                    CollaborativeDistillation.prepare(config.cd(), scorer, data.train(), executor));
            case DE_RRD -> List.of(new BprObjective(1.0),
                    DeRrdDistillation.prepare(config.deRrd(), scorer, embeddings(method, teacher, data), data.train(), executor));
            case HTD -> List.of(new BprObjective(1.0),
                    new HierarchicalTopologyDistillation(config.htd(), data.train(), embeddings(method, teacher, data)));
            case NONE -> throw new AssertionError();
        };
    }

    /** The teacher's embeddings, which DE and HTD reconstruct; a score-only teacher is refused. */
    private static Embeddings embeddings(DistillationMethod method, Teacher teacher, Dataset data) {
        Embeddings e = teacher.embeddings().orElseThrow(() -> new IllegalArgumentException(method.cliName()
                + " needs the teacher's user and item embeddings (it distils the teacher's representation space), but the teacher ("
                + teacher.source() + ") has scores only; give a model file (--teacher) or embedding matrices (--teacher-embeddings)"));
        if (e.users().rows() != data.numUsers() || e.items().rows() != data.numItems()) {
            throw new IllegalArgumentException("teacher embeddings (" + teacher.source() + ") are " + e.users().rows() + " users x "
                    + e.items().rows() + " items, data has " + data.numUsers() + " x " + data.numItems());
        }
        return e;
    }

    /** The distiller among objectives, if any (for its timings and diagnostics). */
    public static Optional<Distiller> distiller(List<BatchObjective> objectives) {
        return objectives.stream().filter(o -> o instanceof Distiller).map(o -> (Distiller) o).findFirst();
    }
}
