package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.recommend.Recommender;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * RCE-KD (Zhu and Zhang, <i>Rejuvenating Cross-Entropy Loss in Knowledge Distillation for
 * Recommender Systems</i>, 2025, arXiv 2509.20989; constants in {@link RceKdConfig}): cross-entropy
 * distillation on item subsets that are (approximately) closed under the student's ranking.
 * Once: the teacher's top-K items per user ({@link TeacherRanking}). Every {@code refreshEvery}
 * epochs: the student's top-D items per user, from its current embeddings. Every epoch: the
 * {@link ClosedSubsets} J1 (the student's top K) and J2 (the teacher's top items the student
 * misses, plus L closure samples), the teacher's softmax targets on each and the mixing weight
 * gamma_u. Every batch:
 * <pre>
 *   L = kdWeight / |B| * sum over rows b of  (1 - gamma_u) CE_J1(u) + gamma_u CE_J2(u),   u = u_b
 *   CE_J(u) = - sum_{i in J} p_T(i | J) log q_S(i | J),  p, q the softmax of s / tau over J
 * </pre>
 * with gradient kdWeight / |B| * count_u * ((1 - gamma) (q - p)_J1 + gamma (q - p)_J2) / tau on each
 * student score. The teacher's targets and gamma are constants of the epoch (the code computes them
 * without gradient). Each distinct user of the batch is computed once, weighted by its number of
 * rows, which gives the per-row sum of the authors' code at a lower cost.
 *
 * <p>Cost per batch: for each distinct user at most 2K + L dot products, exponentials and gradient
 * rows (the union of J1 and J2 is scored once). Per epoch: the subsets, linear in users x (D + 2K + L);
 * at refresh epochs one blocked scoring pass over users x items and a bounded heap of D per user,
 * what a full-ranking evaluation of every user costs. Deterministic: the draws come from streams fixed by
 * the seed, the epoch and the user; the batch's distinct users are numbered in ascending order and
 * split into the trainer's chunks in proportion, as {@link DualCorrectionDistillation} does.
 */
public final class RejuvenatedCrossEntropyDistillation extends DistillerBase {
    static final long STREAM = 0x5243454bL; // "RCEK"

    private final RceKdConfig config;
    private final Scorer teacher;
    private final Interactions excluded;
    private final TeacherRanking teacherTop;
    private final ClosedSubsets subsets;
    private final int[] allUsers;
    private int[][] studentTop;
    private boolean drawn;
    private final BatchUnits units;

    RejuvenatedCrossEntropyDistillation(RceKdConfig config, Scorer teacher, TeacherRanking teacherTop, Interactions excluded,
            double preparationSeconds) {
        super(config, preparationSeconds);
        if (teacherTop.numGroups() != 1 || teacherTop.numUsers() != excluded.numUsers()) {
            throw new IllegalArgumentException("RCE-KD needs one teacher list per user");
        }
        this.config = config;
        this.teacher = teacher;
        this.excluded = excluded;
        this.teacherTop = teacherTop;
        this.subsets = new ClosedSubsets(config, excluded.numUsers(), excluded.numItems());
        this.units = new BatchUnits(excluded.numUsers());
        this.allUsers = IntStream.range(0, excluded.numUsers()).toArray();
    }

    /** Ranks the teacher's top-K items per user (training items included unless the config excludes them). */
    public static RejuvenatedCrossEntropyDistillation prepare(RceKdConfig config, Scorer teacher, Interactions train,
            ChunkedExecutor executor) {
        long start = System.nanoTime();
        Interactions excluded = config.excluded(train);
        TeacherRanking top = TeacherRanking.plain(teacher, excluded, config.topK(), executor);
        return new RejuvenatedCrossEntropyDistillation(config, teacher, top, excluded, (System.nanoTime() - start) / 1e9);
    }

    public RceKdConfig config() {
        return config;
    }

    /** The teacher's top-K lists. */
    TeacherRanking teacherTop() {
        return teacherTop;
    }

    /** The student's top-D lists the current subsets were built from, best first (empty before the first epoch). */
    Optional<int[][]> studentTop() {
        return Optional.ofNullable(studentTop);
    }

    /** The current epoch's subsets (empty before the first epoch). */
    Optional<ClosedSubsets> subsets() {
        return drawn ? Optional.of(subsets) : Optional.empty();
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        ChunkedExecutor executor = context.executor();
        if (studentTop == null || (context.epoch() - 1) % config.refreshEvery() == 0) {
            // the full-ranking path of evaluation: blocked scoring and a bounded heap of D per user
            studentTop = new Recommender(context.model().forward().scorer(), excluded).recommend(allUsers, config.studentDepth(),
                    TeacherRanking.USER_BLOCK, executor);
        }
        subsets.build(teacherTop, studentTop, teacher, Seeds.derive(context.seed(), STREAM), executor);
        drawn = true;
        epochStarted(start);
    }

    /** Numbers the batch's distinct users in ascending order, with their row counts. */
    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        units.clear(batch.size());
        units.add(batch.users(), batch.size());
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (!drawn) {
            throw new IllegalStateException("RCE-KD subsets not drawn: call startEpoch before the first batch");
        }
        if (config.kdWeight() == 0) {
            return 0;
        }
        int first = units.boundary(from, batch.size());
        int last = units.boundary(to, batch.size());
        SubsetCrossEntropy crossEntropy = new SubsetCrossEntropy(config.temperature(), subsets.stride());
        float[] userGrad = new float[emb.dim()];
        double scale = config.kdWeight() / batch.size();
        double loss = 0;
        for (int unit = first; unit < last; unit++) {
            int u = units.id(unit);
            if (!subsets.contributes(u)) {
                continue;
            }
            Arrays.fill(userGrad, 0f);
            loss += crossEntropy.add(subsets, u, scale * units.count(unit), emb, userGrad, log);
            log.addUser(u, userGrad, 0, 1f);
        }
        return loss;
    }
}
