package dev.unkd.bench;

import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.Embeddings;
import dev.unkd.model.LightGcn;
import dev.unkd.model.NormalizedAdjacency;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * LightGCN propagation kernels on random data of CiteULike's size (5,219 users, 25,181 items,
 * 98,405 training pairs with a skewed item distribution, dim 100): one training forward pass
 * (L products over Â), one backward pass from the gradient of a 2048-triple batch, and building
 * Â. One epoch of training runs 49 forward and 49 backward passes. Does not need the shared data.
 *
 * <pre>java -jar unkd-bench/target/unkd-bench.jar PropagationBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class PropagationBenchmark {
    static final int USERS = 5219;
    static final int ITEMS = 25181;
    static final int PAIRS = 98405;
    static final int BATCH = 2048;

    @Param({"1", "2"})
    public int threads;

    @Param({"2"})
    public int layers;

    @Param({"100"})
    public int dim;

    /** Edge keep probability of training passes (1 = no dropout; try -p keep=0.8). */
    @Param({"1.0"})
    public double keep;

    private ChunkedExecutor executor;
    private Interactions train;
    private LightGcn model;
    private EmbeddingGradients batchGradients;

    @Setup(Level.Trial)
    public void setUp() {
        executor = new ChunkedExecutor(threads);
        train = randomGraph(new SplittableRandom(1));
        model = LightGcn.initialise(train, dim, layers, keep, new SplittableRandom(2), executor);
        // the gradient of a BPR batch touches at most BATCH users and 2 x BATCH items
        SplittableRandom rng = new SplittableRandom(3);
        batchGradients = new EmbeddingGradients(USERS, ITEMS, dim);
        float[] row = new float[dim];
        for (int k = 0; k < BATCH; k++) {
            for (int d = 0; d < dim; d++) {
                row[d] = (float) rng.nextGaussian();
            }
            batchGradients.addUser(rng.nextInt(USERS), row, 0, 1e-3f);
            batchGradients.addItem(rng.nextInt(ITEMS), row, 0, 1e-3f);
            batchGradients.addItem(rng.nextInt(ITEMS), row, 0, -1e-3f);
        }
        model.forward();
    }

    /** Users uniform, items with a power-law popularity (the square of a uniform variate favours low ids). */
    static Interactions randomGraph(SplittableRandom rng) {
        int[] u = new int[PAIRS];
        int[] i = new int[PAIRS];
        for (int k = 0; k < PAIRS; k++) {
            u[k] = rng.nextInt(USERS);
            double x = rng.nextDouble();
            i[k] = (int) (x * x * x * ITEMS);
        }
        return Interactions.of(USERS, ITEMS, u, i);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    @Benchmark
    public Embeddings forward() {
        return model.forward();
    }

    @Benchmark
    public EmbeddingGradients backward() {
        return model.backward(batchGradients);
    }

    @Benchmark
    public NormalizedAdjacency buildAdjacency() {
        return NormalizedAdjacency.of(train);
    }
}
