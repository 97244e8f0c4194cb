package dev.unkd.bench;

import dev.unkd.parallel.ChunkedExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one parallel region costs: a run of 8 chunks that together do {@code work} multiply-adds,
 * back to back as a trainer's batches issue them (a few hundred microseconds apart), against the
 * same work on the calling thread alone ({@code threads = 1}). With {@code work = 0} it is the
 * region's overhead; the ratio at larger work is what a second core can pay at that grain.
 *
 * <pre>java -jar unkd-bench/target/unkd-bench.jar ChunkedExecutorBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkedExecutorBenchmark {
    private static final int CHUNKS = 8;

    @Param({"1", "2"})
    public int threads;

    @Param({"0", "20000", "200000"})
    public int work;

    private ChunkedExecutor executor;
    private final float[] sums = new float[CHUNKS * 16]; // one 64-byte line per chunk

    @Setup
    public void setUp() {
        executor = new ChunkedExecutor(threads);
    }

    @TearDown
    public void tearDown() {
        executor.close();
    }

    @Benchmark
    public float region() {
        int perChunk = work / CHUNKS;
        executor.run(CHUNKS, c -> {
            float s = 0;
            for (int k = 0; k < perChunk; k++) {
                s = s * 0.999f + k;
            }
            sums[c * 16] += s;
        });
        return sums[0];
    }
}
