package dev.unkd.cli;

import dev.unkd.data.Interactions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.Scorer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Runs an evaluation with a progress bar over the users being ranked (none when quiet). */
final class EvaluationProgress {
    private EvaluationProgress() {
    }

    static EvaluationReport evaluate(Evaluator evaluator, Scorer scorer, Interactions heldOut, String task, boolean quiet) {
        if (quiet) {
            return evaluator.evaluate(scorer, heldOut);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(heldOut.activeUsers())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" users", 1).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            return evaluator.evaluate(scorer, heldOut, bar::stepBy);
        }
    }
}
