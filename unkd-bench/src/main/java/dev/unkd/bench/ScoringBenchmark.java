package dev.unkd.bench;

import dev.unkd.model.FactorScorer;
import dev.unkd.model.MatrixFactorization;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring and top-K kernels over 25,181 items: one user (serving), the same through the
 * {@link Recommender} with the user's training items excluded (what a request costs), and a block
 * of 64 users (evaluation).
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

    private FactorScorer scorer;
    private float[] scores;
    private float[][] block;
    private int[] users;
    private TopK top;
    private Recommender recommender;
    private Recommender.Scratch scratch;
    private final int[] none = new int[0];
    private int next;

    @Setup
    public void setup() {
        MatrixFactorization mf = MatrixFactorization.initialise(BenchData.USERS, BenchData.ITEMS, dim, new SplittableRandom(1));
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
