package dev.unkd.train;

import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.RowSet;

/** Updates one parameter table from its gradient, one step per batch. */
public interface Optimizer {
    /**
     * One step: {@code grad} is dense (rows x dim) but only {@code touched} rows may be non-zero.
     */
    void step(float[] grad, RowSet touched);

    /** Brings every row up to date (lazy optimisers defer work for untouched rows). */
    void flush();

    /** Uses {@code lr} from the next step on; rows a lazy optimiser has deferred are brought up to date at the old rate first. */
    void setLearningRate(double lr);

    EmbeddingTable table();
}
