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
        return evaluate(evaluator, scorer, heldOut, task, quiet, false);
    }

    /** As above; {@code byUser} keeps the per-user values ({@link Evaluator#evaluateByUser}). */
    static EvaluationReport evaluate(Evaluator evaluator, Scorer scorer, Interactions heldOut, String task, boolean quiet, boolean byUser) {
        if (quiet) {
            return byUser ? evaluator.evaluateByUser(scorer, heldOut, done -> {
            }) : evaluator.evaluate(scorer, heldOut);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(heldOut.activeUsers())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" users", 1).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            return byUser ? evaluator.evaluateByUser(scorer, heldOut, bar::stepBy) : evaluator.evaluate(scorer, heldOut, bar::stepBy);
        }
    }
}
