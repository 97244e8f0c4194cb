package dev.unkd.cli;

import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.MetricKey;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar over epochs (with ETA against the epoch limit) showing loss and the validation metric. */
final class ProgressListener implements TrainingListener {
    private final String task;
    private final MetricKey metric;
    private ProgressBar bar;
    private String lastValidation = "";
    private String rate = "";

    ProgressListener(String task, MetricKey metric) {
        this.task = task;
        this.metric = metric;
    }

    @Override
    public void started(int maxEpochs) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(maxEpochs).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" epochs", 1).setUpdateIntervalMillis(250).continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void epochFinished(int epoch, double loss, double seconds) {
        bar.stepTo(epoch);
        bar.setExtraMessage(String.format("%s loss %.4f%s", rate, loss, lastValidation)); // the rate first: a narrow terminal cuts the end
    }

    @Override
    public void validated(int epoch, EvaluationReport validation, boolean best) {
        lastValidation = String.format(" val %.4f%s", validation.get(metric), best ? "*" : "");
    }

    @Override
    public void learningRateChanged(int epoch, double lr) {
        rate = String.format(java.util.Locale.ROOT, " lr %.3g", lr);
    }

    @Override
    public void finished(TrainingResult result) {
        bar.maxHint(result.epochsRun());
        bar.stepTo(result.epochsRun());
        bar.close();
    }
}
