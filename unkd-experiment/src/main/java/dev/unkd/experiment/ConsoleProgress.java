package dev.unkd.experiment;

import dev.unkd.eval.MetricName;
import dev.unkd.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Experiment progress on the terminal: a line per dataset, teacher, pick and finished run (run
 * index, row, seed, best epoch, validation and test NDCG@20, time), and, when {@code bars}, a
 * progress bar over each run's epochs with the run index and the whole experiment's ETA in its
 * name. Without bars (not a terminal, or logs to a file) only the lines are written.
 */
public final class ConsoleProgress implements ExperimentListener {
    private final PrintStream out;
    private final boolean bars;

    ConsoleProgress(PrintStream out, boolean bars) {
        this.out = out;
        this.bars = bars;
    }

    /**
     * The listener for a command: nothing when quiet; bars, lines, or "auto" (bars when a
     * terminal is attached, lines otherwise, so logs redirected to a file stay readable).
     */
    public static ExperimentListener create(PrintStream out, boolean quiet, String mode) {
        return create(out, quiet, mode, 1);
    }

    /** As {@link #create(PrintStream, boolean, String)} for {@code parallelRuns} runs at once: bars only for one at a time. */
    public static ExperimentListener create(PrintStream out, boolean quiet, String mode, int parallelRuns) {
        if (quiet) {
            return ExperimentListener.NONE;
        }
        return switch (mode) {
            case "bars" -> {
                if (parallelRuns > 1) {
                    throw new IllegalArgumentException("--progress bars draws one run at a time; with --parallel-runs " + parallelRuns
                            + " use lines or auto");
                }
                yield new ConsoleProgress(out, true);
            }
            case "lines" -> new ConsoleProgress(out, false);
            case "auto" -> new ConsoleProgress(out, parallelRuns == 1 && System.console() != null);
            default -> throw new IllegalArgumentException("Invalid --progress: '" + mode + "' (expected auto, bars or lines)");
        };
    }

    @Override
    public void datasetLoaded(String name, String description, int users, int items, int train, int valid, int test) {
        out.printf(Locale.ROOT, "dataset %s: %s; %,d users, %,d items, %,d / %,d / %,d train / valid / test%n", name, description, users,
                items, train, valid, test);
    }

    @Override
    public TrainingListener teacherStarting(String label) {
        out.println("training " + label + " (cached for later runs)");
        return bars ? new EpochProgress(label, out) : new EpochLines(label, out);
    }

    @Override
    public void teacherReady(TeacherResult r, boolean cached) {
        out.printf(Locale.ROOT, "teacher %s seed %d%s: best epoch %d of %d, test R@10 %.4f N@10 %.4f, %s%n", r.name(), r.seed(),
                cached ? " (cached)" : "", r.bestEpoch(), r.epochsRun(), r.test().get(MetricName.RECALL.at(10)), r.test().get(MetricName.NDCG.at(10)),
                Durations.of(r.seconds()));
    }

    @Override
    public TrainingListener runStarting(int index, int total, RunSpec spec, double etaSeconds) {
        String task = String.format(Locale.ROOT, "[%d/%d] %s %s s%d%s", index, total, spec.student().name(), spec.label(), spec.seed(),
                Double.isNaN(etaSeconds) ? "" : " (all: ~" + Durations.of(etaSeconds) + " left)");
        if (!bars) {
            out.printf(Locale.ROOT, "[%d/%d] %s ...%s%n", index, total, spec.describe(),
                    Double.isNaN(etaSeconds) ? "" : " (experiment ETA ~" + Durations.of(etaSeconds) + ")");
            return new EpochLines("[" + index + "/" + total + "]", out);
        }
        return new EpochProgress(task, out);
    }

    @Override
    public void runFinished(int index, int total, RunResult r, boolean stored) {
        out.printf(Locale.ROOT, "[%d/%d] %s %s %s%s seed %d: %s, best epoch %d of %d, valid N@20 %.4f, test R@10 %.4f N@20 %.4f%n", index,
                total, r.dataset(), r.student(), r.label(), r.params().isEmpty() ? "" : " [" + ParamValues.describe(r.params()) + "]", r.seed(), stored ? "stored result" : Durations.of(r.seconds()), r.bestEpoch(),
                r.epochsRun(), r.valid().get(SearchSettings.METRIC), r.test().get(MetricName.RECALL.at(10)), r.test().get(MetricName.NDCG.at(20)));
    }

    @Override
    public void runFailed(int index, int total, RunSpec spec, Exception error) {
        out.printf(Locale.ROOT, "[%d/%d] %s FAILED: %s (the other runs go on)%n", index, total, spec.describe(),
                ExperimentRunner.message(error));
    }

    @Override
    public void picked(String dataset, String student, String label, String setting, double validMetric, int gridPoints) {
        out.printf(Locale.ROOT, "picked for %s on %s / %s: %s (mean valid NDCG@20 %.4f, best of %d settings)%n", label, dataset, student,
                setting, validMetric, gridPoints);
    }

    @Override
    public void warning(String message) {
        out.println("warning: " + message);
    }
}
