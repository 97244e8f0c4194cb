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
}
