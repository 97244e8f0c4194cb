package dev.unkd.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which epochs of a training run are saved as checkpoints, and where: the given epochs and every
 * {@code every}-th epoch (0: none), as model files in {@code directory}
 * ({@link dev.unkd.model.ModelCheckpoints}). HetComp distils from such a trajectory.
 *
 * @param epochs epochs after which the model is saved (1-based)
 * @param every save after every epoch that is a multiple of this (0: only the listed epochs)
 * @param directory where the checkpoint files are written (created when needed)
 */
public record CheckpointPlan(SortedSet<Integer> epochs, int every, Path directory) {
    public CheckpointPlan {
        epochs = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(epochs));
        Objects.requireNonNull(directory, "directory");
        for (int e : epochs) {
            if (e < 1) {
                throw new IllegalArgumentException("Invalid checkpoint epoch: " + e + " (epochs are counted from 1)");
            }
        }
        if (every < 0) {
            throw new IllegalArgumentException("Invalid checkpoint period: " + every + " (must be >= 0; 0 = only the listed epochs)");
        }
        if (epochs.isEmpty() && every == 0) {
            throw new IllegalArgumentException("a checkpoint plan needs epochs or a period");
        }
    }

    /** Checkpoints after the given epochs. */
    public static CheckpointPlan at(List<Integer> epochs, Path directory) {
        return new CheckpointPlan(new TreeSet<>(epochs), 0, directory);
    }

    /** Checkpoints after every {@code n}-th epoch. */
    public static CheckpointPlan every(int n, Path directory) {
        if (n < 1) {
            throw new IllegalArgumentException("Invalid checkpoint period: " + n + " (must be >= 1)");
        }
        return new CheckpointPlan(new TreeSet<>(), n, directory);
    }

    /** Whether the model is saved after {@code epoch}. */
    public boolean isDue(int epoch) {
        return epochs.contains(epoch) || (every > 0 && epoch % every == 0);
    }
}
