package dev.unkd.train;

import dev.unkd.eval.EvaluationReport;
import java.util.List;
import java.util.Optional;

/**
 * Outcome of a training run: the best epoch (by the validation metric; the last epoch when there
 * is no validation set), epochs run, wall time and the validation curve.
 */
public record TrainingResult(int bestEpoch, int epochsRun, double trainSeconds, List<ValidationPoint> curve,
        Optional<EvaluationReport> bestValidation) {

    /** The selection metric on validation after {@code epoch} epochs, the epoch's mean loss and the learning rate it trained with. */
    public record ValidationPoint(int epoch, double value, double loss, double lr) {
    }

    public double secondsPerEpoch() {
        return epochsRun == 0 ? 0 : trainSeconds / epochsRun;
    }
}
