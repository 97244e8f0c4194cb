package dev.unkd.bench;

import dev.unkd.model.FactorScorer;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.recommend.Recommender;
import dev.unkd.recommend.TopK;
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
 * The scoring and top-K kernels over 25,181 items: one user (serving), the same through the
 * {@link Recommender} with the user's training items excluded (what a request costs), a block
 * of 64 users (evaluation), and the top-20 lists of 256 users with and without the norm-bound
 * pruning, on initial embeddings and on item rows scaled by a log-normal factor (norms spread as
 * trained models' do; how much the pruning saves depends on that spread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScoringBenchmark {
    @Param({"10", "100"})
    int dim;

    /** "init": the initial embeddings; "skewed": item rows times exp(N(0, 1)). */
    @Param({"init", "skewed"})
    String norms;

    private FactorScorer scorer;
    private float[] scores;
    private float[][] block;
    private int[] users;
    private TopK top;
    private Recommender recommender;
    private Recommender.Scratch scratch;
    private final int[] none = new int[0];
    private int next;
    private int[] listUsers;
    private ChunkedExecutor oneThread;

    @Setup
    public void setup() {
        MatrixFactorization mf = MatrixFactorization.initialise(BenchData.USERS, BenchData.ITEMS, dim, new SplittableRandom(1));
        if (norms.equals("skewed")) {
            SplittableRandom rng = new SplittableRandom(2);
            float[] v = mf.itemTable().data();
            for (int i = 0; i < BenchData.ITEMS; i++) {
                float scale = (float) Math.exp(rng.nextGaussian());
                for (int d = 0; d < dim; d++) {
                    v[i * dim + d] *= scale;
                }
            }
        }
        scorer = new FactorScorer(mf.userTable(), mf.itemTable());
        scores = new float[BenchData.ITEMS];
        block = new float[64][BenchData.ITEMS];
        users = new int[64];
        for (int b = 0; b < 64; b++) {
            users[b] = b * 37 % BenchData.USERS;
        }
        top = new TopK(20);
        recommender = new Recommender(scorer, BenchData.citeulikeSized(7));
        scratch = new Recommender.Scratch();
        listUsers = new int[256];
        for (int b = 0; b < listUsers.length; b++) {
            listUsers[b] = b * 19 % BenchData.USERS;
        }
        oneThread = new ChunkedExecutor(1);
    }

    @TearDown
    public void tearDown() {
        oneThread.close();
    }

    /** Top-20 lists of 256 users in blocks of 64, tiles visited by norm and each user stopped by the bound (evaluation). */
    @Benchmark
    public int[][] top20ListsOf256Pruned() {
        return recommender.recommend(listUsers, 20, 64, oneThread);
    }

    /** The same lists, every item scored. */
    @Benchmark
    public int[][] top20ListsOf256AllItems() {
        return recommender.exhaustive().recommend(listUsers, 20, 64, oneThread);
    }

    /** Scores all items for one user and selects the top 20 (the serving path). */
    @Benchmark
    public int[] scoreAllAndTop20() {
        next = (next + 1) % BenchData.USERS;
        scorer.scoreAll(next, scores);
        return top.select(scores, scores.length);
    }

    /** One user's top 20 through the Recommender, training items excluded (the serving request path). */
    @Benchmark
    public int[] recommendTop20() {
        next = (next + 1) % BenchData.USERS;
        return recommender.recommend(next, 20, none, scratch);
    }

    /** Scores all items for a block of 64 users (the evaluation kernel). */
    @Benchmark
    public float[][] scoreBlockOf64() {
        scorer.scoreBlock(users, 0, 64, block);
        return block;
    }
}
