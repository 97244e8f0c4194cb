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
 * Ranking Distillation, RD (Tang and Wang, KDD 2018), as implemented by the UnKD authors
 * ({@code sample.py: class RD}): the teacher's top-K unobserved items of a user are extra
 * positives for the student, weighted by position. Per batch sample k with user u and teacher
 * list item_1..item_K:
 * <pre>
 *   L_RD = w * mean over batch samples of sum_r a_r * -log sigmoid(s_S(u, item_r))   [/ K, see averageOverList]
 * </pre>
 * with a_r = exp(-r / lambda) normalised (static), or, after the start epoch, the static weights
 * times RD's dynamic weights, renormalised. The weights are constants for the gradient (the code
 * computes them under {@code no_grad}). Used with {@code BprObjective(1 - w)}.
 *
 * <p>A list shorter than K (a teacher that ranks few items for the user) renormalises the static
 * weights over its length.
 */
public final class RankingDistillation extends DistillerBase {
    private static final long STREAM = 0x5244L; // "RD"
    private static final int USER_CHUNK = 256;

    private final RdConfig config;
    private final TeacherRanking top;
    private final Interactions train;
    private final double[] staticWeights;
    private volatile int[] dynamicItems;
    private volatile boolean dynamicActive;

    public RankingDistillation(RdConfig config, TeacherRanking top, Interactions train, double preparationSeconds) {
        super(config, preparationSeconds);
        if (top.numGroups() != 1) {
            throw new IllegalArgumentException("RD needs a plain teacher ranking (one list per user), got " + top.numGroups() + " groups");
        }
        if (top.numUsers() != train.numUsers()) {
            throw new IllegalArgumentException("ranking has " + top.numUsers() + " users, data " + train.numUsers());
        }
        this.config = config;
        this.top = top;
        this.train = train;
        this.staticWeights = new double[config.topK()];
        for (int r = 0; r < config.topK(); r++) {
            staticWeights[r] = Math.exp(-(r + 1) / config.positionTemperature());
        }
    }

    /** Computes the teacher's top-K lists and prepares the distiller. */
    public static RankingDistillation prepare(RdConfig config, Scorer teacher, Interactions train, ChunkedExecutor executor) {
        long start = System.nanoTime();
        TeacherRanking top = TeacherRanking.plain(teacher, train, config.topK(), executor);
        return new RankingDistillation(config, top, train, (System.nanoTime() - start) / 1e9);
    }

    public RdConfig config() {
        return config;
    }

    /** True once the dynamic weights are in use (after the start epoch). */
    public boolean dynamicActive() {
        return dynamicActive;
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        dynamicActive = config.dynamicWeights() && context.epoch() > config.dynamicStartEpoch();
        if (dynamicActive) {
            dynamicItems = drawDynamicSamples(Seeds.derive(context.seed(), STREAM), context.executor());
        }
        epochStarted(start);
    }

    /** n uniform unobserved items per user (with replacement, as the code's {@code Sample_neg}). */
    private int[] drawDynamicSamples(long seed, ChunkedExecutor executor) {
        int n = config.dynamicSamples();
        int numUsers = train.numUsers();
        int numItems = train.numItems();
        int[] out = new int[Math.multiplyExact(numUsers, n)];
        executor.run(ChunkedExecutor.chunks(numUsers, USER_CHUNK), c -> {
            int to = Math.min(numUsers, (c + 1) * USER_CHUNK);
            for (int u = c * USER_CHUNK; u < to; u++) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, u));
                boolean all = train.userDegree(u) >= numItems;
                for (int t = 0; t < n; t++) {
                    int j;
                    do {
                        j = rng.nextInt(numItems);
                    } while (!all && train.contains(u, j));
                    out[u * n + t] = j;
                }
            }
        });
        return out;
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (config.kdWeight() == 0) {
            return 0;
        }
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        int[] lists = top.itemArray();
        int k = config.topK();
        float[] userGrad = new float[dim];
        float[] scores = new float[k];
        double[] weights = new double[k];
        float[] sampled = new float[config.dynamicSamples()];
        boolean dynamic = dynamicActive;
        int[] dyn = dynamicItems;
        double scale = config.kdWeight() / batch.size() / (config.averageOverList() ? k : 1);
        double loss = 0;
        for (int b = from; b < to; b++) {
            int u = batch.users()[b];
            int len = top.length(u, 0);
            if (len == 0) {
                continue;
            }
            int off = top.offset(u, 0);
            for (int r = 0; r < len; r++) {
                scores[r] = emb.score(u, lists[off + r]);
            }
            if (!weights(u, len, scores, dynamic, dyn, emb, sampled, weights)) {
                continue;
            }
            Arrays.fill(userGrad, 0f);
            int pu = u * dim;
            double userLoss = 0;
            for (int r = 0; r < len; r++) {
                if (weights[r] == 0) {
                    continue;
                }
                int item = lists[off + r];
                userLoss += weights[r] * Softplus.of(-scores[r]); // -log sigmoid(s)
                float g = (float) (-scale * weights[r] * Softplus.sigmoid(-scores[r]));
                int qi = item * dim;
                for (int d = 0; d < dim; d++) {
                    userGrad[d] += g * q[qi + d];
                }
                log.addItem(item, p, pu, g);
            }
            log.addUser(u, userGrad, 0, 1f);
            loss += userLoss;
        }
        return scale * loss;
    }

    /**
     * Fills the position weights of u's list; false when they are all zero (the student already
     * ranks every item above its teacher position: no RD term for this sample).
     */
    private boolean weights(int u, int len, float[] scores, boolean dynamic, int[] dyn, Embeddings emb, float[] sampled,
            double[] out) {
        double sum = 0;
        for (int r = 0; r < len; r++) {
            out[r] = staticWeights[r];
            sum += out[r];
        }
        if (dynamic) {
            int n = config.dynamicSamples();
            for (int t = 0; t < n; t++) {
                sampled[t] = emb.score(u, dyn[u * n + t]);
            }
            sum = 0;
            long itemsMinusOne = train.numItems() - 1L;
            for (int r = 0; r < len; r++) {
                int higher = 0;
                for (int t = 0; t < n; t++) {
                    if (sampled[t] > scores[r]) {
                        higher++;
                    }
                }
                // the code: floor((m_items - 1) * relative_rank) + 1, teacher position r from 0
                double studentRank = Math.floor(itemsMinusOne * (double) higher / n) + 1;
                out[r] *= Math.max(0, Math.tanh(config.mu() * (studentRank - r)));
                sum += out[r];
            }
        }
        if (!(sum > 0)) {
            return false;
        }
        for (int r = 0; r < len; r++) {
            out[r] /= sum;
        }
        return true;
    }
}
