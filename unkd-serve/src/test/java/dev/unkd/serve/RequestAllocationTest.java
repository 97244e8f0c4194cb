package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unkd.data.Dataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warmed-up ranking allocates only its answer (the item and score arrays and the
 * {@link Recommendation}), measured with the JVM's per-thread allocation counter.
 */
class RequestAllocationTest {
    private static final int CALLS = 20_000;

    @TempDir
    Path dir;

    @Test
    void aRankingAllocatesOnlyItsResult() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Dataset data = ServeFixture.writeSplit(dir.resolve("split"));
        RecommendationService service = RecommendationService.open(ServeFixture.saveModel(data, dir.resolve("m.unkd"), 4, 1), data);
        ServingSnapshot s = service.snapshot();
        int[] none = new int[0];
        long sink = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up (scratch, JIT)
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int c = 0; c < CALLS; c++) {
                sink += service.recommend(s, c % data.numUsers(), 3, none).size();
                sink += service.popular(s, 3, none).size();
            }
            long perCall = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / (2L * CALLS);
            if (round == 1) {
                // int[3] and float[3] (32 bytes each with compressed headers) and the record (24): 88; allow some slack
                assertThat(perCall).as("bytes per ranking").isLessThanOrEqualTo(128);
            }
        }
        assertThat(sink).isPositive();
    }
}
