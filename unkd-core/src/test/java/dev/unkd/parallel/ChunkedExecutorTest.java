package dev.unkd.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChunkedExecutorTest {
    @Test
    void everyChunkRunsExactlyOnceInEveryRun() {
        for (int threads : new int[] {1, 2, 4}) {
            try (ChunkedExecutor exec = new ChunkedExecutor(threads)) {
                for (int run = 0; run < 2000; run++) { // many short runs: workers spin, park and wake between them
                    int chunks = 1 + run % 13;
                    AtomicIntegerArray counts = new AtomicIntegerArray(chunks);
                    exec.run(chunks, counts::incrementAndGet);
                    for (int c = 0; c < chunks; c++) {
                        assertThat(counts.get(c)).as("threads %d run %d chunk %d", threads, run, c).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void aRunStartedAfterTheWorkersParkedStillCompletes() throws InterruptedException {
        try (ChunkedExecutor exec = new ChunkedExecutor(2)) {
            exec.run(4, c -> { });
            Thread.sleep(20); // far beyond the spin: the worker is parked
            AtomicIntegerArray counts = new AtomicIntegerArray(64);
            exec.run(64, counts::incrementAndGet);
            for (int c = 0; c < 64; c++) {
                assertThat(counts.get(c)).isEqualTo(1);
            }
        }
    }

    @Test
    void aChunksExceptionReachesTheCallerAndTheExecutorStaysUsable() {
        try (ChunkedExecutor exec = new ChunkedExecutor(2)) {
            assertThatThrownBy(() -> exec.run(16, c -> {
                if (c == 5) {
                    throw new IllegalArgumentException("chunk 5 failed");
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk 5 failed");
            AtomicInteger sum = new AtomicInteger();
            exec.run(16, sum::addAndGet);
            assertThat(sum.get()).isEqualTo(15 * 16 / 2);
        }
    }

    @Test
    void nestedAndConcurrentRunsCompleteOnTheCallersThread() throws Exception {
        try (ChunkedExecutor exec = new ChunkedExecutor(2)) {
            AtomicInteger inner = new AtomicInteger();
            exec.run(8, c -> exec.run(10, i -> inner.incrementAndGet()));
            assertThat(inner.get()).isEqualTo(80);

            AtomicInteger total = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] callers = new Thread[3];
            for (int t = 0; t < callers.length; t++) {
                callers[t] = new Thread(() -> {
                    try {
                        start.await();
                        for (int r = 0; r < 500; r++) {
                            exec.run(7, c -> total.incrementAndGet());
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                callers[t].start();
            }
            start.countDown();
            for (Thread t : callers) {
                t.join();
            }
            assertThat(failure.get()).isNull();
            assertThat(total.get()).isEqualTo(3 * 500 * 7);
        }
    }

    @Test
    void aClosedExecutorRunsItsChunksOnTheCaller() {
        ChunkedExecutor exec = new ChunkedExecutor(2);
        exec.close();
        AtomicInteger sum = new AtomicInteger();
        exec.run(5, sum::addAndGet);
        assertThat(sum.get()).isEqualTo(10);
    }

    @Test
    void refusesANonPositiveThreadCount() {
        assertThatThrownBy(() -> new ChunkedExecutor(0)).hasMessage("Invalid thread count: 0");
    }
}
