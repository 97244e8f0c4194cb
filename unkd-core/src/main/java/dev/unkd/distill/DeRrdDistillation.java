package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.TrainableParameters;
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
 * DE-RRD (Kang, Hwang, Kweon, Yu, CIKM 2020) as the UnKD authors run it as a baseline
 * ({@code sample.py: class RRD} with the {@code BPRMFExpert} student; constants in
 * {@link DeRrdConfig}). Two terms are added to the student's BPR + L2:
 * <ul>
 *   <li>RRD, kdWeight * mean over the batch rows (one per training triple) of
 *       {@link RelaxedRankingLoss} on the user's {@link RrdSamples}, on sigmoid student scores;</li>
 *   <li>DE, deWeight * the reconstruction loss of {@link MixtureOfExperts} (student embedding to
 *       teacher embedding, an expert mixture selected by a Gumbel-softmax gate on the teacher
 *       embedding), one block for users and one for items, averaged over the entities of
 *       {@link DeEntities}.</li>
 * </ul>
 * Sampling schedule: RRD samples are drawn at the first epoch and kept (the UnKD code draws them
 * once, at construction), or redrawn every epoch as the DE-RRD authors' code does
 * ({@link DeRrdConfig#redrawEveryEpoch()}). DE's Gumbel noise is fresh for every batch.
 *
 * <p>DE works on the batch's distinct entities ({@link BatchEntities}), each weighted by how often
 * it occurs, with one noise draw per entity and batch; the code draws one per occurrence, which
 * has the same expectation. Its experts and gates are parameters of this distiller, created at
 * the first epoch (when the student's dimension is known), initialised as PyTorch's
 * {@code nn.Linear} and stepped by their own Adam after every batch. DE uses the student's final
 * embeddings (for an MF student, its parameters) and the teacher's final embeddings.
 *
 * <p>Deterministic: samples and noise come from streams fixed by the seed, the epoch, the batch and
 * the entity; DE runs over {@value #WORK_CHUNKS} fixed work chunks whose parameter gradients are
 * summed in chunk order. The two halves are {@link RelaxedRankingTerm} and
 * {@link DistillationExpertsTerm}, which {@link RrdDistillation} and {@link DeDistillation} use
 * on their own.
 */
public final class DeRrdDistillation extends DistillerBase {
    /** Fixed number of DE work chunks (and parameter-gradient buffers), whatever the thread count. */
    static final int WORK_CHUNKS = DistillationExpertsTerm.WORK_CHUNKS;
    /** The random stream of DE-RRD and of its halves run alone: sub-streams 0 (expert init), 1 (noise), 2 (RRD samples). */
    static final long STREAM = 0x44455252L; // "DERR"

    private final DeRrdConfig config;
    private final RelaxedRankingTerm rrd;
    private final DistillationExpertsTerm de;

    /**
     * @param top the teacher's top-T unobserved items per user (a plain ranking)
     * @param teacher the teacher's final embeddings (DE reconstructs them)
     */
    public DeRrdDistillation(DeRrdConfig config, TeacherRanking top, Interactions train, Embeddings teacher, double preparationSeconds) {
        super(config, preparationSeconds);
        if (top.numGroups() != 1) {
            throw new IllegalArgumentException("RRD needs a plain teacher ranking (one list per user), got " + top.numGroups() + " groups");
        }
        this.config = config;
        this.de = new DistillationExpertsTerm(train, teacher, config.deWeight(), config.experts(), config.gateTemperature(),
                config.activation(), config.deEntities(), config.lr());
        this.rrd = new RelaxedRankingTerm(top, train, config.interesting(), config.uninteresting(), config.rankTemperature(), true,
                config.sigmoidScores(), config.redrawEveryEpoch(), config.kdWeight());
    }

    /** Ranks the teacher's top-T items per user and prepares the distiller. */
    public static DeRrdDistillation prepare(DeRrdConfig config, Scorer teacherScores, Embeddings teacher, Interactions train,
            ChunkedExecutor executor) {
        long start = System.nanoTime();
        TeacherRanking top = TeacherRanking.plain(teacherScores, train, config.topT(), executor);
        return new DeRrdDistillation(config, top, train, teacher, (System.nanoTime() - start) / 1e9);
    }

    public DeRrdConfig config() {
        return config;
    }

    /** The RRD samples in use (empty before the first epoch). */
    public Optional<RrdSamples> samples() {
        return rrd.samples();
    }

    /** DE's parameters (empty before the first epoch, or when deWeight is 0). */
    public Optional<TrainableParameters> parameters() {
        return de.parameters();
    }

    public Optional<MixtureOfExperts> userExperts() {
        return de.userExperts();
    }

    public Optional<MixtureOfExperts> itemExperts() {
        return de.itemExperts();
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        de.startEpoch(context.model().dim(), Seeds.derive(context.seed(), STREAM, 0), Seeds.derive(context.seed(), STREAM, 1),
                context.executor());
        rrd.startEpoch(Seeds.derive(context.seed(), STREAM, 2), context.executor());
        epochStarted(start);
    }

    /** DE's forward and backward on the batch's entities, over the fixed work chunks. */
    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        de.beforeBatch(batch, emb, config.deWeight() == 0 ? null : rrd.requireSamples());
    }

    /** Steps DE's Adam with the gradient reduced in {@link #beforeBatch}. */
    @Override
    public void afterBatch(Batch batch) {
        de.afterBatch();
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        double loss = rrd.accumulate(batch, from, to, emb, log);
        return loss + de.emit(batch, from, to, log);
    }
}
