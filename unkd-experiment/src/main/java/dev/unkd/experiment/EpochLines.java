package dev.unkd.experiment;

import dev.unkd.eval.EvaluationReport;
import dev.unkd.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of one run for logs (no terminal): a line at a validation when {@link #INTERVAL_NANOS}
 * have passed since the last one, with the epoch, the validation NDCG@20, the best so far and the
 * seconds per epoch, so a long teacher does not look hung.
 */
final class EpochLines implements TrainingListener {
    static final long INTERVAL_NANOS = 30_000_000_000L;
    private final String task;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long last = System.nanoTime();
    private int maxEpochs;
    private int epoch;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch;

    EpochLines(String task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    @Override
    public void started(int max) {
        maxEpochs = max;
    }

    @Override
    public void epochFinished(int e, double loss, double seconds) {
        epoch = e;
    }

    @Override
    public void validated(int e, EvaluationReport validation, boolean isBest) {
        double v = validation.get(SearchSettings.METRIC);
        if (isBest) {
            best = v;
            bestEpoch = e;
        }
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS) {
            last = now;
            out.printf(Locale.ROOT, "  %s: epoch %d/%d, valid N@20 %.4f (best %.4f at %d), %.2f s/epoch%n", task, e, maxEpochs, v, best,
                    bestEpoch, (now - start) / 1e9 / Math.max(1, epoch));
        }
    }

    @Override
    public void learningRateChanged(int e, double lr) {
        out.printf(Locale.ROOT, "  %s: epoch %d, learning rate lowered to %s%n", task, e, ParamValues.format(lr));
    }
}
