package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Distillation Experts alone (Kang et al., <i>DE-RRD</i>, CIKM 2020, section 3.1; constants in
 * {@link DeConfig}): kdWeight * the experts' reconstruction loss of the teacher's user and item
 * embeddings from the student's, over the batch's distinct users, positives and negatives. It is
 * the DE half of {@link DeRrdDistillation} on the same random stream; the experts train with
 * their own Adam, stepped after every batch. Needs the teacher's embeddings; no teacher ranking.
 */
public final class DeDistillation extends DistillerBase {
    private final DistillationExpertsTerm de;

    /** @param teacher the teacher's final embeddings (DE reconstructs them) */
    public DeDistillation(DeConfig config, Interactions train, Embeddings teacher) {
        super(config, 0);
        this.de = new DistillationExpertsTerm(train, teacher, config.kdWeight(), config.experts(), config.gateTemperature(),
                config.activation(), DeEntities.BATCH, config.lr());
    }

    /** The experts' parameters (empty before the first epoch, or when the weight is 0). */
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
        de.startEpoch(context.model().dim(), Seeds.derive(context.seed(), DeRrdDistillation.STREAM, 0),
                Seeds.derive(context.seed(), DeRrdDistillation.STREAM, 1), context.executor());
        epochStarted(start);
    }

    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        de.beforeBatch(batch, emb, null);
    }

    @Override
    public void afterBatch(Batch batch) {
        de.afterBatch();
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        return de.emit(batch, from, to, log);
    }
}
