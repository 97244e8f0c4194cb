package dev.unkd.experiment;

import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Where an experiment's student runs execute. With one slot a run executes at once on the calling
 * thread with the experiment's whole executor (the order and output of a sequential experiment).
 * With N slots, N runs train at once, each on its own trainer whose executor has an Nth of the
 * threads: a small student gains little from a second core inside one run (its batches are too
 * short), so two single-thread runs side by side finish a grid sooner. Results do not depend on
 * the slot count, since no run's numbers depend on its thread count.
 */
final class RunWorkers implements AutoCloseable {
    private final ExecutorService pool;
    private final BlockingQueue<RunTrainer> idle;
    private final List<ChunkedExecutor> executors = new ArrayList<>();

    private RunWorkers(int slots, ChunkedExecutor executor, Pipeline pipeline, ExperimentRunner.RunTrainerFactory trainers) {
        idle = new ArrayBlockingQueue<>(slots);
        if (slots == 1) {
            pool = null;
            idle.add(trainers.create(pipeline));
            return;
        }
        int threadsPerRun = Math.max(1, executor.threads() / slots);
        for (int s = 0; s < slots; s++) {
            ChunkedExecutor own = new ChunkedExecutor(threadsPerRun);
            executors.add(own);
            idle.add(trainers.create(pipeline.withExecutor(own)));
        }
        pool = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "unkd-run");
            t.setDaemon(true);
            return t;
        });
    }

    static RunWorkers open(int slots, ChunkedExecutor executor, Pipeline pipeline, ExperimentRunner.RunTrainerFactory trainers) {
        if (slots < 1) {
            throw new IllegalArgumentException("Invalid number of parallel runs: " + slots + " (expected at least 1)");
        }
        return new RunWorkers(slots, executor, pipeline, trainers);
    }

    /** Runs {@code task} with a free trainer: at once with one slot, else when a slot is free. */
    <T> CompletableFuture<T> submit(Function<RunTrainer, T> task) {
        if (pool == null) {
            return CompletableFuture.completedFuture(task.apply(idle.peek()));
        }
        return CompletableFuture.supplyAsync(() -> {
            RunTrainer trainer = idle.poll();
            try {
                return task.apply(trainer);
            } finally {
                idle.add(trainer);
            }
        }, pool);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        executors.forEach(ChunkedExecutor::close);
    }
}
