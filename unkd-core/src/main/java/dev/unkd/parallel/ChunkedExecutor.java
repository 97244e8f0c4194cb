package dev.unkd.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs numbered chunks of work on a fixed pool. Callers cut their work into chunks whose
 * boundaries do not depend on the thread count and combine per-chunk results in chunk order,
 * which makes every parallel computation in unkd bit-for-bit reproducible with 1 or N threads.
 */
public final class ChunkedExecutor implements AutoCloseable {
    private static final ChunkedExecutor COMMON = new ChunkedExecutor(Runtime.getRuntime().availableProcessors());

    private final ForkJoinPool pool;
    private final int threads;

    public ChunkedExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid thread count: " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
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
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        pool.invoke(new Range(0, chunks, body));
    }

    /** Number of chunks of {@code chunkSize} covering n elements. */
    public static int chunks(int n, int chunkSize) {
        return (n + chunkSize - 1) / chunkSize;
    }

    @Override
    public void close() {
        if (pool != null && this != COMMON) {
            pool.shutdown();
        }
    }

    private static final class Range extends RecursiveAction {
        private final int from;
        private final int to;
        private final IntConsumer body;

        Range(int from, int to, IntConsumer body) {
            this.from = from;
            this.to = to;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                body.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(from, mid, body), new Range(mid, to, body));
        }
    }
}
