package dev.unkd.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs numbered chunks of work on a fixed team of threads ({@link WorkerTeam}). Callers cut their work into chunks whose
 * boundaries do not depend on the thread count and combine per-chunk results in chunk order,
 * which makes every parallel computation in unkd bit-for-bit reproducible with 1 or N threads.
 */
public final class ChunkedExecutor implements AutoCloseable {
    private static final AtomicInteger TEAMS = new AtomicInteger();
    private static final ChunkedExecutor COMMON = new ChunkedExecutor(Runtime.getRuntime().availableProcessors());

    private final WorkerTeam team;
    private final int threads;

    public ChunkedExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid thread count: " + threads);
        }
        this.threads = threads;
        this.team = threads == 1 ? null : new WorkerTeam(threads, "unkd-" + TEAMS.incrementAndGet());
    }

    /** A shared executor using all processors. */
    public static ChunkedExecutor common() {
        return COMMON;
    }

    public int threads() {
        return threads;
    }

    /** Calls {@code body} once for every chunk index in [0, chunks), in parallel. */
    public void run(int chunks, IntConsumer body) {
        if (chunks <= 0) {
            return;
        }
        if (team == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        team.run(chunks, body);
    }

    /** Number of chunks of {@code chunkSize} covering n elements. */
    public static int chunks(int n, int chunkSize) {
        return (n + chunkSize - 1) / chunkSize;
    }

    @Override
    public void close() {
        if (team != null && this != COMMON) {
            team.close();
        }
    }
}
