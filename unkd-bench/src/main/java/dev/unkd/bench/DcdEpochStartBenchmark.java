package dev.unkd.bench;

import dev.unkd.data.Interactions;
import dev.unkd.distill.DcdConfig;
import dev.unkd.distill.DualCorrectionDistillation;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.EpochContext;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * DCD's per-epoch work outside the batches ({@link DualCorrectionDistillation#startEpoch}): the
 * student's rank refresh of every listed entry (a scoring pass, the cap best scores per row and a
 * binary search per entry) and the draw of the under- and overestimated entries, on CiteULike-sized
 * random data (5,219 users x 25,181 items), an MF-10 student, T = 500 and K = 20, with the item
 * side (25,181 lists of 500 users) or without.
 *
 * <pre>java -jar unkd-bench/target/unkd-bench.jar DcdEpochStartBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class DcdEpochStartBenchmark {
    @Param({"true", "false"})
    public boolean itemSide;

    @Param({"2"})
    public int threads;

    private ChunkedExecutor executor;
    private DualCorrectionDistillation dcd;
    private MatrixFactorization student;
    private int epoch;

    @Setup
    public void setUp() {
        Interactions train = BenchData.citeulikeSized(1);
        executor = new ChunkedExecutor(threads);
        SplittableRandom rng = new SplittableRandom(2);
        Embeddings teacher = new Embeddings(table(train.numUsers(), 100, rng), table(train.numItems(), 100, rng));
        dcd = DualCorrectionDistillation.prepare(DcdConfig.defaults().withItemSide(itemSide), teacher.scorer(), Optional.of(teacher), train,
                executor);
        student = MatrixFactorization.initialise(train.numUsers(), train.numItems(), 10, new SplittableRandom(3));
    }

    private static EmbeddingTable table(int rows, int dim, SplittableRandom rng) {
        float[] v = new float[rows * dim];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (rng.nextGaussian() * 0.1);
        }
        return new EmbeddingTable(rows, dim, v);
    }

    @TearDown
    public void tearDown() {
        executor.close();
    }

    /** One epoch start: refresh (every epoch by default) and draw. */
    @Benchmark
    public DualCorrectionDistillation epochStart() {
        dcd.startEpoch(new EpochContext(++epoch, student, 2022, executor));
        return dcd;
    }
}
