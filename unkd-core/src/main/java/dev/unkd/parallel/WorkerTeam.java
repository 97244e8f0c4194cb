package dev.unkd.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads behind a {@link ChunkedExecutor}: the caller and {@code threads - 1} workers take
 * chunks from a shared counter. A worker that runs out of work spins for {@value #SPIN_NANOS} ns
 * before it parks, because a trainer's parallel regions come every few hundred microseconds and
 * waking a parked thread costs a large part of that in a virtual machine: with a fork-join pool,
 * whose workers park at once, a region cost 8.9 us of overhead and 8 chunks of 52 us in all ran
 * slower on 2 threads than on one (docs/BENCHMARKS.md, "The second core"). One run at a time: a run started while another is in flight (a nested
 * run, or a second caller) runs its chunks on its own thread, which changes no result since
 * chunks never depend on the thread that runs them.
 */
final class WorkerTeam implements AutoCloseable {
    /** How long an idle worker waits for the next run before it parks (about OpenMP's spin before sleep). */
    static final long SPIN_NANOS = 200_000;

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Run current;
    private volatile long generation;
    private volatile boolean closed;

    WorkerTeam(int threads, String name) {
        workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(name + "-" + (w + 1));
            workers[w].start();
        }
    }

    /** Runs every chunk, on the team when it is free, else on the calling thread; rethrows a chunk's exception. */
    void run(int chunks, IntConsumer body) {
        if (closed || !busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        Run run = new Run(chunks, body);
        try {
            current = run;
            generation++; // only the holder of busy writes it
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            run.work();
            while (run.remaining.get() > 0) {
                Thread.onSpinWait();
            }
        } finally {
            current = null;
            busy.set(false);
        }
        run.rethrow();
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /** One call's chunks: the next index to take and how many have not finished. */
    private static final class Run {
        private final int chunks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        private volatile Throwable failure;

        Run(int chunks, IntConsumer body) {
            this.chunks = chunks;
            this.body = body;
            this.remaining = new AtomicInteger(chunks);
        }

        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (failure == null) { // after a failure the remaining chunks are only counted off
                        body.accept(c);
                    }
                } catch (Throwable t) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = t;
                        }
                    }
                } finally {
                    remaining.decrementAndGet();
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private final class Worker extends Thread {
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (!closed) {
                long g = generation;
                if (g != seen) {
                    seen = g;
                    Run run = current;
                    if (run != null) {
                        run.work();
                    }
                    continue;
                }
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (generation == seen && !closed && System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                }
                if (generation == seen && !closed) {
                    parked = true;
                    if (generation == seen && !closed) { // re-read after publishing parked: run() unparks or we see its generation
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
