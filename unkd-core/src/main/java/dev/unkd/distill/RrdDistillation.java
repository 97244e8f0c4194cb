package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Relaxed Ranking Distillation alone (Kang et al., <i>DE-RRD</i>, CIKM 2020, section 3.2; constants
 * in {@link RrdConfig}): kdWeight * the mean over the batch rows of the {@link RelaxedRankingLoss}
 * on the user's {@link RrdSamples}. It is the RRD half of {@link DeRrdDistillation}, on the same
 * random stream, so with the same settings it trains the same student as DE-RRD with
 * {@code deWeight = 0}. Needs the teacher's scores only.
 */
public final class RrdDistillation extends DistillerBase {
    private final RelaxedRankingTerm rrd;

    public RrdDistillation(RrdConfig config, TeacherRanking top, Interactions train, double preparationSeconds) {
        super(config, preparationSeconds);
        this.rrd = new RelaxedRankingTerm(top, train, config.interesting(), config.uninteresting(), config.rankTemperature(),
                config.sampleInteresting(), config.sigmoidScores(), config.redrawEveryEpoch(), config.kdWeight());
    }

    /** Ranks the teacher's top-T items per user and prepares the distiller. */
    public static RrdDistillation prepare(RrdConfig config, Scorer teacherScores, Interactions train, ChunkedExecutor executor) {
        long start = System.nanoTime();
        TeacherRanking top = TeacherRanking.plain(teacherScores, train, config.topT(), executor);
        return new RrdDistillation(config, top, train, (System.nanoTime() - start) / 1e9);
    }

    /** The samples in use (empty before the first epoch). */
    public Optional<RrdSamples> samples() {
        return rrd.samples();
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        rrd.startEpoch(Seeds.derive(context.seed(), DeRrdDistillation.STREAM, 2), context.executor());
        epochStarted(start);
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        return rrd.accumulate(batch, from, to, emb, log);
    }
}
