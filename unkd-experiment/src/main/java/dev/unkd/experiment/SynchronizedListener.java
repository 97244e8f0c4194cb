package dev.unkd.experiment;

import dev.unkd.train.TrainingListener;

/**
 * An {@link ExperimentListener} that parallel runs may call at once: each call holds one lock, so
 * a listener written for one run at a time (a console, a test's list) needs no locking of its own.
 * The epoch listeners it hands out belong to one run each and are not wrapped.
 */
final class SynchronizedListener implements ExperimentListener {
    private final ExperimentListener inner;

    private SynchronizedListener(ExperimentListener inner) {
        this.inner = inner;
    }

    static ExperimentListener of(ExperimentListener inner) {
        return inner instanceof SynchronizedListener ? inner : new SynchronizedListener(inner);
    }

    @Override
    public synchronized void datasetLoaded(String name, String description, int users, int items, int train, int valid, int test) {
        inner.datasetLoaded(name, description, users, items, train, valid, test);
    }

    @Override
    public synchronized TrainingListener teacherStarting(String label) {
        return inner.teacherStarting(label);
    }

    @Override
    public synchronized void teacherReady(TeacherResult result, boolean cached) {
        inner.teacherReady(result, cached);
    }

    @Override
    public synchronized TrainingListener runStarting(int index, int total, RunSpec spec, double etaSeconds) {
        return inner.runStarting(index, total, spec, etaSeconds);
    }

    @Override
    public synchronized void runFinished(int index, int total, RunResult result, boolean stored) {
        inner.runFinished(index, total, result, stored);
    }

    @Override
    public synchronized void runFailed(int index, int total, RunSpec spec, Exception error) {
        inner.runFailed(index, total, spec, error);
    }

    @Override
    public synchronized void picked(String dataset, String student, String label, String setting, double validMetric, int gridPoints) {
        inner.picked(dataset, student, label, setting, validMetric, gridPoints);
    }

    @Override
    public synchronized void warning(String message) {
        inner.warning(message);
    }
}
