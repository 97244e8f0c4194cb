package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import dev.unkd.train.Softplus;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Collaborative Distillation, CD (Lee et al., ICDM 2019), as implemented by the UnKD authors
 * ({@code sample.py: class CD}; constants in {@link CdConfig}): the student learns the teacher's
 * soft labels y = sigmoid((s_T + t2) / t1) on unobserved items sampled rank-aware from the
 * teacher's top list. Per batch sample with user u and u's samples j = 1..n:
 * <pre>
 *   L_CD = kdWeight * mean over batch samples of mean over j of
 *          -(y_j log(sigmoid(s_S(u, j)) + eps) + (1 - y_j) log(1 - sigmoid(s_S(u, j)) + eps))
 * </pre>
 * with exact gradients, eps included. Samples are drawn at the first epoch (the code draws them
 * once) and optionally every epoch; the tournament keeps the better-ranked of two draws, which
 * is the code's "higher teacher score" except between equal scores. The soft labels are fixed
 * with the samples since the teacher does not train.
 */
public final class CollaborativeDistillation extends DistillerBase {
    private static final long STREAM = 0x4344L; // "CD"
    private static final int USER_CHUNK = 128;

    private final CdConfig config;
    private final TeacherRanking top;
    private final Scorer teacher;
    private final ExponentialRankLaw law;
    private volatile int[] items;
    private volatile float[] labels;
    private volatile int[] counts;

    public CollaborativeDistillation(CdConfig config, TeacherRanking top, Scorer teacher, double preparationSeconds) {
        super(config, preparationSeconds);
        if (top.numGroups() != 1) {
            throw new IllegalArgumentException("CD needs a plain teacher ranking (one list per user), got " + top.numGroups() + " groups");
        }
        this.config = config;
        this.top = top;
        this.teacher = teacher;
        this.law = new ExponentialRankLaw(config.rankTemperature());
    }

    /** Computes the teacher's top lists and prepares the distiller. */
    public static CollaborativeDistillation prepare(CdConfig config, Scorer teacher, Interactions train, ChunkedExecutor executor) {
        long start = System.nanoTime();
        TeacherRanking top = TeacherRanking.plain(teacher, train, config.candidates(), executor);
        return new CollaborativeDistillation(config, top, teacher, (System.nanoTime() - start) / 1e9);
    }

    public CdConfig config() {
        return config;
    }

    /** Items sampled for user u (a copy). */
    public int[] samples(int u) {
        int n = config.samples();
        return Arrays.copyOfRange(items, u * n, u * n + counts[u]);
    }

    /** Soft labels of {@link #samples(int)}. */
    public float[] labels(int u) {
        int n = config.samples();
        return Arrays.copyOfRange(labels, u * n, u * n + counts[u]);
    }

    @Override
    public void startEpoch(EpochContext context) {
        if (items != null && !config.redrawEveryEpoch()) {
            epochSkipped();
            return;
        }
        long start = System.nanoTime();
        draw(Seeds.derive(context.seed(), STREAM), context.executor());
        epochStarted(start);
    }

    /** Draws every user's samples and their soft labels (deterministic per user). */
    public void draw(long seed, ChunkedExecutor executor) {
        int numUsers = top.numUsers();
        int n = config.samples();
        int[] newItems = new int[Math.multiplyExact(numUsers, n)];
        float[] newLabels = new float[newItems.length];
        int[] newCounts = new int[numUsers];
        int[] lists = top.itemArray();
        executor.run(ChunkedExecutor.chunks(numUsers, USER_CHUNK), c -> {
            boolean[] taken = new boolean[top.depth()];
            int[] ranks = new int[n];
            int to = Math.min(numUsers, (c + 1) * USER_CHUNK);
            for (int u = c * USER_CHUNK; u < to; u++) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, u));
                int len = top.length(u, 0);
                int target = Math.min(n, len); // the code would loop forever on shorter lists
                int off = top.offset(u, 0);
                int got = 0;
                while (got < target) {
                    int r = Math.min(law.draw(len, rng), law.draw(len, rng));
                    if (!taken[r]) {
                        taken[r] = true;
                        ranks[got] = r;
                        int item = lists[off + r];
                        newItems[u * n + got] = item;
                        newLabels[u * n + got] = (float) Softplus.sigmoid((teacher.score(u, item) + config.t2()) / config.t1());
                        got++;
                    }
                }
                for (int k = 0; k < got; k++) {
                    taken[ranks[k]] = false; // reset only what was set
                }
                newCounts[u] = got;
            }
        });
        items = newItems;
        labels = newLabels;
        counts = newCounts;
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        int[] sampled = items;
        if (sampled == null) {
            throw new IllegalStateException("CD samples not drawn: call startEpoch before the first batch");
        }
        if (config.kdWeight() == 0) {
            return 0;
        }
        float[] y = labels;
        int[] count = counts;
        int n = config.samples();
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        float[] userGrad = new float[dim];
        double eps = config.epsilon();
        double scale = config.kdWeight() / batch.size();
        double loss = 0;
        for (int b = from; b < to; b++) {
            int u = batch.users()[b];
            int m = count[u];
            if (m == 0) {
                continue;
            }
            Arrays.fill(userGrad, 0f);
            int pu = u * dim;
            double userLoss = 0;
            for (int t = 0; t < m; t++) {
                int item = sampled[u * n + t];
                double s = emb.score(u, item);
                double label = y[u * n + t];
                double pos = Softplus.sigmoid(s);
                double neg = Softplus.sigmoid(-s); // 1 - sigmoid(s) without cancellation
                userLoss -= label * Math.log(pos + eps) + (1 - label) * Math.log(neg + eps);
                // d pos/ds = pos * neg, d neg/ds = -pos * neg
                double grad = -pos * neg * (label / (pos + eps) - (1 - label) / (neg + eps));
                float g = (float) (scale / m * grad);
                int qi = item * dim;
                for (int d = 0; d < dim; d++) {
                    userGrad[d] += g * q[qi + d];
                }
                log.addItem(item, p, pu, g);
            }
            log.addUser(u, userGrad, 0, 1f);
            loss += userLoss / m;
        }
        return scale * loss;
    }
}
