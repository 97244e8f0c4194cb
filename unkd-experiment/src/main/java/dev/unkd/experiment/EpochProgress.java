package dev.unkd.experiment;

import dev.unkd.eval.EvaluationReport;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over one run's epochs: the task names the run ("[7/42] unkd seed 2022"), the
 * bar shows the epoch and its ETA against the epoch limit (early stopping usually ends sooner),
 * the message the loss and the last validation NDCG@20 (* = best so far).
 */
final class EpochProgress implements TrainingListener {
    private final String task;
    private final PrintStream out;
    private ProgressBar bar;
    private String lastValidation = "";

    EpochProgress(String task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    @Override
    public void started(int maxEpochs) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(maxEpochs).setStyle(ProgressBarStyle.ASCII).setUnit(" ep", 1)
                .setUpdateIntervalMillis(500).continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }

    @Override
    public void epochFinished(int epoch, double loss, double seconds) {
        bar.stepTo(epoch);
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, " loss %.4f%s", loss, lastValidation));
    }

    @Override
    public void validated(int epoch, EvaluationReport validation, boolean best) {
        lastValidation = String.format(java.util.Locale.ROOT, " val %.4f%s", validation.get(SearchSettings.METRIC), best ? "*" : "");
    }

    @Override
    public void finished(TrainingResult result) {
        bar.maxHint(result.epochsRun());
        bar.stepTo(result.epochsRun());
        bar.close();
    }
}
