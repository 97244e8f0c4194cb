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
    private static final long STREAM = 0x5243454bL; // "RCEK"
    /** Logit gap below which one shift serves both subsets: exp(-600) is still a normal double. */
    private static final double SHARED_RANGE = 600;

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
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        int stride = subsets.stride();
        int[] items = subsets.itemArray();
        float[] target1 = subsets.firstTargetArray();
        float[] target2 = subsets.secondTargetArray();
        boolean[] second = subsets.inSecondArray();
        double[] z = new double[stride];
        double[] e1 = new double[stride];
        double[] e2 = new double[stride];
        float[] userGrad = new float[dim];
        double invTau = 1 / config.temperature();
        double scale = config.kdWeight() / batch.size();
        double loss = 0;
        for (int unit = first; unit < last; unit++) {
            int u = units.id(unit);
            int n = subsets.size(u);
            double w1 = subsets.firstWeight(u);
            double w2 = subsets.secondWeight(u);
            if (n == 0 || (w1 == 0 && w2 == 0)) {
                continue;
            }
            int off = u * stride;
            int n1 = subsets.firstSize(u);
            double max1 = Double.NEGATIVE_INFINITY;
            double max2 = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                z[j] = emb.score(u, items[off + j]) * invTau;
                if (j < n1) {
                    max1 = Math.max(max1, z[j]);
                }
                if (second[off + j]) {
                    max2 = Math.max(max2, z[j]);
                }
            }
            // one exponential per item, shifted by the larger maximum, unless a subset lies so far below
            // the other that its terms would underflow; then each subset is shifted by its own maximum
            double top = Math.max(w1 > 0 ? max1 : Double.NEGATIVE_INFINITY, w2 > 0 ? max2 : Double.NEGATIVE_INFINITY);
            boolean shared = (w1 == 0 || top - max1 < SHARED_RANGE) && (w2 == 0 || top - max2 < SHARED_RANGE);
            double shift1 = shared ? top : max1;
            double shift2 = shared ? top : max2;
            // per subset: sum of exp, the targets' mass (1 up to float rounding) and sum_i p_i z_i
            double sum1 = 0;
            double sum2 = 0;
            double mass1 = 0;
            double mass2 = 0;
            double dot1 = 0;
            double dot2 = 0;
            for (int j = 0; j < n; j++) {
                boolean in1 = j < n1 && w1 > 0;
                boolean in2 = second[off + j] && w2 > 0;
                double e = shared && (in1 || in2) ? Math.exp(z[j] - top) : 0;
                if (in1) {
                    e1[j] = shared ? e : Math.exp(z[j] - shift1);
                    sum1 += e1[j];
                    mass1 += target1[off + j];
                    dot1 += target1[off + j] * z[j];
                }
                if (in2) {
                    e2[j] = shared ? e : Math.exp(z[j] - shift2);
                    sum2 += e2[j];
                    mass2 += target2[off + j];
                    dot2 += target2[off + j] * z[j];
                }
            }
            // CE = sum_i p_i (logsumexp - z_i); d CE / d z_i = mass * q_i - p_i
            double userLoss = 0;
            if (w1 > 0) {
                userLoss += w1 * (mass1 * (shift1 + Math.log(sum1)) - dot1);
            }
            if (w2 > 0) {
                userLoss += w2 * (mass2 * (shift2 + Math.log(sum2)) - dot2);
            }
            double c = scale * units.count(unit);
            loss += c * userLoss;
            int pu = u * dim;
            Arrays.fill(userGrad, 0f);
            for (int j = 0; j < n; j++) {
                double g = 0;
                if (j < n1 && w1 > 0) {
                    g += w1 * (mass1 * e1[j] / sum1 - target1[off + j]);
                }
                if (second[off + j] && w2 > 0) {
                    g += w2 * (mass2 * e2[j] / sum2 - target2[off + j]);
                }
                float gs = (float) (c * g * invTau);
                if (gs == 0) {
                    continue;
                }
                int item = items[off + j];
                int qi = item * dim;
                for (int d = 0; d < dim; d++) {
                    userGrad[d] += gs * q[qi + d];
                }
                log.addItem(item, p, pu, gs);
            }
            log.addUser(u, userGrad, 0, 1f);
        }
        return loss;
    }
}
