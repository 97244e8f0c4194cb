package dev.unkd.train;

import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;

/** What an objective may use when an epoch starts: the epoch (1-based), the model being trained, a seed and the threads. */
public record EpochContext(int epoch, TrainableModel model, long seed, ChunkedExecutor executor) {
}
