package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.Batch;
import dev.unkd.train.GradientLog;
import dev.unkd.train.Softplus;
import java.util.Arrays;
import java.util.Optional;

/**
 * The RRD half of DE-RRD (Kang et al., CIKM 2020, section 3.2), shared by {@link DeRrdDistillation}
 * and {@link RrdDistillation}: the user's {@link RrdSamples}, drawn at the first epoch and kept or
 * redrawn every epoch, and weight / |batch| * the sum over batch rows of the
 * {@link RelaxedRankingLoss} on the student's (optionally sigmoid) scores.
 */
final class RelaxedRankingTerm {
    private final TeacherRanking top;
    private final Interactions train;
    private final int interesting;
    private final int uninteresting;
    private final ExponentialRankLaw law;
    private final boolean sampleInteresting;
    private final boolean sigmoidScores;
    private final boolean redrawEveryEpoch;
    private final double weight;
    private volatile RrdSamples samples;

    /**
     * @param sampleInteresting draw the interesting items from the top-T list with the rank law (RRD),
     *     or take the teacher's first K in order ({@link RrdConfig#sampleInteresting()})
     */
    RelaxedRankingTerm(TeacherRanking top, Interactions train, int interesting, int uninteresting, double rankTemperature,
            boolean sampleInteresting, boolean sigmoidScores, boolean redrawEveryEpoch, double weight) {
        if (top.numGroups() != 1) {
            throw new IllegalArgumentException("RRD needs a plain teacher ranking (one list per user), got " + top.numGroups() + " groups");
        }
        this.top = top;
        this.train = train;
        this.interesting = interesting;
        this.uninteresting = uninteresting;
        this.law = new ExponentialRankLaw(rankTemperature);
        this.sampleInteresting = sampleInteresting;
        this.sigmoidScores = sigmoidScores;
        this.redrawEveryEpoch = redrawEveryEpoch;
        this.weight = weight;
    }

    /** The samples in use (empty before the first epoch). */
    Optional<RrdSamples> samples() {
        return Optional.ofNullable(samples);
    }

    /** Draws the samples with {@code seed} at the first epoch, and again every epoch when redrawing. */
    void startEpoch(long seed, ChunkedExecutor executor) {
        if (samples == null || redrawEveryEpoch) {
            samples = RrdSamples.draw(top, train, interesting, uninteresting, law, sampleInteresting, seed, executor);
        }
    }

    /** The samples, which must have been drawn. */
    RrdSamples requireSamples() {
        RrdSamples s = samples;
        if (s == null) {
            throw new IllegalStateException("RRD samples not drawn: call startEpoch before the first batch");
        }
        return s;
    }

    /** weight / |batch| * sum over rows [from, to) of the relaxed ranking loss, with its gradients logged. */
    double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log) {
        RrdSamples s = requireSamples();
        if (weight == 0) {
            return 0;
        }
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        int k = s.k();
        int l = s.l();
        double[] x = new double[k];
        double[] y = new double[l];
        float[] dx = new float[k];
        float[] dy = new float[l];
        double[] slopeX = new double[k];
        double[] slopeY = new double[l];
        float[] userGrad = new float[dim];
        RelaxedRankingLoss.Scratch scratch = new RelaxedRankingLoss.Scratch();
        double scale = weight / batch.size();
        double loss = 0;
        for (int b = from; b < to; b++) {
            int u = batch.users()[b];
            int kc = s.interestingCount(u);
            if (kc == 0) {
                continue;
            }
            int lc = s.uninterestingCount(u);
            for (int j = 0; j < kc; j++) {
                slopeX[j] = studentScore(emb.score(u, s.interesting(u, j)), x, j);
            }
            for (int j = 0; j < lc; j++) {
                slopeY[j] = studentScore(emb.score(u, s.uninteresting(u, j)), y, j);
            }
            loss += RelaxedRankingLoss.lossAndGradient(x, kc, y, lc, dx, dy, scratch);
            Arrays.fill(userGrad, 0f);
            int pu = u * dim;
            for (int j = 0; j < kc; j++) {
                addPair(s.interesting(u, j), (float) (scale * dx[j] * slopeX[j]), p, pu, q, userGrad, log);
            }
            for (int j = 0; j < lc; j++) {
                addPair(s.uninteresting(u, j), (float) (scale * dy[j] * slopeY[j]), p, pu, q, userGrad, log);
            }
            log.addUser(u, userGrad, 0, 1f);
        }
        return scale * loss;
    }

    /** Writes the (sigmoid) score to out[j] and returns its derivative w.r.t. the raw score. */
    private double studentScore(float raw, double[] out, int j) {
        if (!sigmoidScores) {
            out[j] = raw;
            return 1;
        }
        double sig = Softplus.sigmoid(raw);
        out[j] = sig;
        return sig * Softplus.sigmoid(-raw);
    }

    /** Adds g * q_item to the user's gradient and logs g * p_u for the item. */
    static void addPair(int item, float g, float[] p, int pu, float[] q, float[] userGrad, GradientLog log) {
        if (g == 0) {
            return;
        }
        int dim = userGrad.length;
        int qi = item * dim;
        for (int d = 0; d < dim; d++) {
            userGrad[d] += g * q[qi + d];
        }
        log.addItem(item, p, pu, g);
    }
}
