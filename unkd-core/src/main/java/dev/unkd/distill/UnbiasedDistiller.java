package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * UnKD, unbiased knowledge distillation (Chen, Chen, Feng, Zhou, He, <i>Unbiased Knowledge
 * Distillation for Recommendation</i>, WSDM 2023, section 4; the authors' {@code sample.py:
 * class UnKD}). The teacher's scores mix item quality with popularity; comparing only items of
 * the same popularity group keeps the first and drops the second.
 *
 * <p>Once: the teacher's top-N unobserved items per (user, popularity group)
 * ({@link TeacherRanking}). Every epoch: n_g rank pairs per (user, group) ({@link GroupPairSampler},
 * {@link PairAllocation}), or the same pairs drawn elsewhere ({@link PairSource}, {@link PairShards}). Every batch of training triples (users appear once per training pair,
 * as in the authors' batches):
 * <pre>
 *   L_G = kdWeight * mean over batch samples k of
 *         mean over the pairs (i+, i-) of user u_k of -log(sigmoid(s(u,i+) - s(u,i-)) + epsilon)
 * </pre>
 * with exact gradients of that expression, epsilon included:
 * d/dx -log(sigmoid(x) + eps) = -sigmoid(x) sigmoid(-x) / (sigmoid(x) + eps). A sample whose user
 * has no pairs adds nothing but still counts in the batch mean.
 */
public final class UnbiasedDistiller extends DistillerBase {
    private final UnkdConfig config;
    private final PairSource source;
    private volatile RankedPairs pairs;

    /** Uses an already computed ranking (its groups must be the popularity groups). */
    public UnbiasedDistiller(UnkdConfig config, TeacherRanking ranking, PopularityGroups groups, double preparationSeconds) {
        this(config, sampler(config, ranking, groups), preparationSeconds);
    }

    /**
     * Takes every epoch's pairs from a source, e.g. {@link PairShards} drawn by the Spark job; of
     * the config only the loss settings (KD weight, epsilon) apply, the source fixed the sampling.
     */
    public UnbiasedDistiller(UnkdConfig config, PairSource source, double preparationSeconds) {
        super(config, preparationSeconds);
        this.config = config;
        this.source = source;
    }

    private static GroupPairSampler sampler(UnkdConfig config, TeacherRanking ranking, PopularityGroups groups) {
        if (ranking.numGroups() != groups.numGroups()) {
            throw new IllegalArgumentException("ranking has " + ranking.numGroups() + " groups, popularity groups " + groups.numGroups());
        }
        return new GroupPairSampler(ranking, config.pairsPerGroup(groups), new ExponentialRankLaw(config.temperature()),
                config.tieRedraw());
    }

    /** Ranks the teacher's items per (user, group) and prepares the sampler. */
    public static UnbiasedDistiller prepare(UnkdConfig config, Scorer teacher, Interactions train, PopularityGroups groups,
            ChunkedExecutor executor) {
        long start = System.nanoTime();
        TeacherRanking ranking = TeacherRanking.grouped(teacher, train, groups, config.candidates(), executor);
        return new UnbiasedDistiller(config, ranking, groups, (System.nanoTime() - start) / 1e9);
    }

    public UnkdConfig config() {
        return config;
    }

    /** Where the pairs come from. */
    public PairSource source() {
        return source;
    }

    /** Pairs per popularity group and user per epoch. */
    public int[] pairsPerGroup() {
        return source.pairsPerGroup();
    }

    /** The pairs of the current epoch (empty before the first). */
    public Optional<RankedPairs> pairs() {
        return Optional.ofNullable(pairs);
    }

    /**
     * Takes the pairs of an epoch now (also usable outside a trainer).
     *
     * @param epoch the trainer's epoch, 1-based
     * @param epochSeed the seed the trainer gives that epoch: derive(training seed, 1, epoch)
     */
    public RankedPairs redraw(int epoch, long epochSeed, ChunkedExecutor executor) {
        long start = System.nanoTime();
        pairs = source.pairs(epoch, epochSeed, executor);
        epochStarted(start);
        return pairs;
    }

    @Override
    public void startEpoch(EpochContext context) {
        redraw(context.epoch(), context.seed(), context.executor());
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        RankedPairs current = pairs;
        if (current == null) {
            throw new IllegalStateException("UnKD pairs not drawn: call startEpoch before the first batch");
        }
        if (config.kdWeight() == 0) {
            return 0;
        }
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        float[] userGrad = new float[dim];
        double eps = config.epsilon();
        double scale = config.kdWeight() / batch.size();
        double loss = 0;
        for (int k = from; k < to; k++) {
            int u = batch.users()[k];
            int n = current.count(u);
            if (n == 0) {
                continue;
            }
            int pu = u * dim;
            Arrays.fill(userGrad, 0f);
            double userLoss = 0;
            float pairScale = (float) (scale / n);
            for (int t = 0; t < n; t++) {
                int i = current.better(u, t);
                int j = current.worse(u, t);
                int qi = i * dim;
                int qj = j * dim;
                float x = 0;
                for (int d = 0; d < dim; d++) {
                    x += p[pu + d] * (q[qi + d] - q[qj + d]);
                }
                // sigmoid(x) and sigmoid(-x) from one exp, the same doubles as Softplus.sigmoid of each; sigmoid(-x)
                // computed directly avoids 1 - sigmoid(x) cancellation
                double e = Math.exp(-Math.abs(x));
                double large = 1 / (1 + e);
                double small = e / (1 + e);
                double sig = x >= 0 ? large : small;
                double sigNeg = x >= 0 ? small : large;
                userLoss -= Math.log(sig + eps);
                float g = pairScale * (float) (-sig * sigNeg / (sig + eps)); // d/dx -log(sigmoid(x) + eps)
                for (int d = 0; d < dim; d++) {
                    userGrad[d] += g * (q[qi + d] - q[qj + d]);
                }
                log.addItem(i, p, pu, g);
                log.addItem(j, p, pu, -g);
            }
            log.addUser(u, userGrad, 0, 1f);
            loss += userLoss / n;
        }
        return scale * loss;
    }
}
