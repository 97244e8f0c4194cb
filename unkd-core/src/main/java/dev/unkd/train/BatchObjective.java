package dev.unkd.train;

import dev.unkd.model.Embeddings;
import java.util.SplittableRandom;

/**
 * A term of the training loss computed on each batch (BPR, a distillation loss, ...). The
 * trainer cuts each batch into fixed chunks of samples, calls {@link #accumulate} for the chunks
 * in parallel and replays their gradient logs in chunk order.
 */
public interface BatchObjective {
    /** A short name for logs ("bpr", "unkd", ...). */
    String name();

    /** Called once before the first batch of every epoch, e.g. to redraw distillation samples. */
    default void startEpoch(EpochContext context) {
    }

    /**
     * Records in {@code log} the gradient, with respect to the final embeddings, of this term's
     * (weighted) batch loss restricted to samples [from, to) of the batch, and returns that part
     * of the loss. Must be thread-safe across chunks; {@code rng} is this chunk's own stream.
     */
    double accumulate(Batch batch, int from, int to, Embeddings embeddings, GradientLog log, SplittableRandom rng);

    /**
     * Called in the trainer's thread before the chunks of a batch run {@link #accumulate}, with the
     * same embeddings: the place for work that couples samples across chunks (e.g. similarities
     * between all entities of the batch), done with the objective's own fixed, thread-independent
     * chunking and read back by {@code accumulate}.
     */
    default void beforeBatch(Batch batch, Embeddings embeddings) {
    }

    /**
     * Called in the trainer's thread after this objective's chunk logs of a batch were replayed:
     * an objective with parameters of its own (e.g. DE's experts) reduces their per-chunk gradients
     * in a fixed order and steps its own optimiser here. The trainer only steps the model's tables.
     */
    default void afterBatch(Batch batch) {
    }

    /**
     * Called in the trainer's thread after each validation, before the next epoch starts, with the
     * selection metric's value and whether it improved on the best so far: the place for a term
     * that adapts its own weight to the validation curve.
     */
    default void validated(int epoch, double value, boolean improved) {
    }
}
