package dev.unkd.experiment;

import dev.unkd.train.TrainingListener;

/** What an experiment reports while it runs (console progress, or nothing in tests). */
public interface ExperimentListener {
    ExperimentListener NONE = new ExperimentListener() {
    };

    default void datasetLoaded(String name, String description, int users, int items, int train, int valid, int test) {
    }

    /** A teacher is about to be trained; returns the listener of its epochs. */
    default TrainingListener teacherStarting(String label) {
        return TrainingListener.NONE;
    }

    default void teacherReady(TeacherResult result, boolean cached) {
    }

    /**
     * Run {@code index} of {@code total} (1-based) is about to train.
     *
     * @param etaSeconds estimated seconds left for the whole experiment, NaN before the first run finished
     * @return the listener of its epochs
     */
    default TrainingListener runStarting(int index, int total, RunSpec spec, double etaSeconds) {
        return TrainingListener.NONE;
    }

    default void runFinished(int index, int total, RunResult result, boolean stored) {
    }

    default void runFailed(int index, int total, RunSpec spec, Exception error) {
    }

    /** A row's setting was chosen. */
    default void picked(String dataset, String student, String label, String setting, double validMetric, int gridPoints) {
    }

    default void warning(String message) {
    }
}
