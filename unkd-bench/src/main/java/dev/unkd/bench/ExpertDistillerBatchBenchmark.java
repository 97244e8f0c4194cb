package dev.unkd.bench;

import dev.unkd.data.Interactions;
import dev.unkd.distill.DeConfig;
import dev.unkd.distill.DeDistillation;
import dev.unkd.distill.HierarchicalTopologyDistillation;
import dev.unkd.distill.HtdConfig;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.Batch;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.EpochContext;
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
 * One batch of DE's or HTD's batch-level work ({@code beforeBatch}: the expert tiles over the
 * batch's distinct users and items, and HTD's topology terms; then {@code afterBatch}: their Adam
 * step) on CiteULike-sized random data, batch 2048, an MF-10 student and a dim-100 teacher, at the
 * methods' defaults. A CiteULike epoch is about 80 such batches plus the student's BPR.
 *
 * <pre>java -jar unkd-bench/target/unkd-bench.jar ExpertDistillerBatchBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ExpertDistillerBatchBenchmark {
    static final int BATCH = 2048;

    @Param({"de", "htd"})
    public String method;

    @Param({"2"})
    public int threads;

    private ChunkedExecutor executor;
    private BatchObjective distiller;
    private Embeddings student;
    private Batch[] batches;
    private int next;

    @Setup
    public void setUp() {
        Interactions train = BenchData.citeulikeSized(1);
        executor = new ChunkedExecutor(threads);
        SplittableRandom rng = new SplittableRandom(2);
        Embeddings teacher = new Embeddings(table(train.numUsers(), 100, rng), table(train.numItems(), 100, rng));
        MatrixFactorization model = MatrixFactorization.initialise(train.numUsers(), train.numItems(), 10, new SplittableRandom(3));
        distiller = method.equals("htd") ? new HierarchicalTopologyDistillation(HtdConfig.defaults(), train, teacher)
                : new DeDistillation(DeConfig.defaults(), train, teacher);
        distiller.startEpoch(new EpochContext(1, model, 2022, executor));
        student = model.forward();
        batches = new Batch[16];
        for (int b = 0; b < batches.length; b++) {
            int[] users = new int[BATCH];
            int[] positives = new int[BATCH];
            int[] negatives = new int[BATCH];
            for (int k = 0; k < BATCH; k++) {
                int pair = rng.nextInt(train.size());
                users[k] = train.pairUsers()[pair];
                positives[k] = train.userItemArray()[pair];
                negatives[k] = rng.nextInt(train.numItems());
            }
            batches[b] = new Batch(1, b, BATCH, users, positives, negatives);
        }
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

    @Benchmark
    public BatchObjective batch() {
        Batch b = batches[next++ % batches.length];
        distiller.beforeBatch(b, student);
        distiller.afterBatch(b);
        return distiller;
    }
}
