package dev.unkd.train;

import dev.unkd.eval.EvaluationReport;

/** Progress callbacks of the training loop (logs, progress bars, learning curves). */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    default void started(int maxEpochs) {
    }

    default void epochFinished(int epoch, double loss, double seconds) {
    }

    default void validated(int epoch, EvaluationReport validation, boolean best) {
    }

    /** A learning-rate schedule lowered the rate to {@code lr} after the validation of {@code epoch}. */
    default void learningRateChanged(int epoch, double lr) {
    }

    default void finished(TrainingResult result) {
    }
}
