package dev.unkd.bench;

import dev.unkd.model.FactorScorer;
import dev.unkd.model.MatrixFactorization;
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
 * FactorScorer.scoreBlock against its previous kernel ({@link PreviousScoreBlock}) in one run:
 * 64 users x 25,181 items (64 x 25,181 x dim multiply-adds per call; at dim 100, 161M).
 * On a loaded machine prefer {@link ScoreBlockRaceRun}, which interleaves the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScoreBlockKernelBenchmark {
    @Param({"10", "100"})
    int dim;

    private FactorScorer current;
    private PreviousScoreBlock previous;
    private float[][] block;
    private int[] users;

    @Setup
    public void setup() {
        MatrixFactorization mf = MatrixFactorization.initialise(BenchData.USERS, BenchData.ITEMS, dim, new SplittableRandom(1));
        current = new FactorScorer(mf.userTable(), mf.itemTable());
        previous = new PreviousScoreBlock(mf.userTable().data(), mf.itemTable().data(), BenchData.ITEMS, dim);
        block = new float[64][BenchData.ITEMS];
        users = new int[64];
        for (int b = 0; b < 64; b++) {
            users[b] = b * 37 % BenchData.USERS;
        }
    }

    /** 2 users x 4 dimensions per pass. */
    @Benchmark
    public float[][] current() {
        current.scoreBlock(users, 0, 64, block);
        return block;
    }

    /** 4 users x 1 dimension per pass. */
    @Benchmark
    public float[][] previous() {
        previous.scoreBlock(users, 0, 64, block);
        return block;
    }
}
