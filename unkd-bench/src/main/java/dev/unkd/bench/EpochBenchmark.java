package dev.unkd.bench;

import dev.unkd.data.Interactions;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import java.util.List;
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

/** One BPR-MF training epoch (batch 2048, lazy or dense Adam) on CiteULike-sized data. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EpochBenchmark {
    @Param({"100"})
    int dim;

    @Param({"true", "false"})
    boolean lazyAdam;

    @Param({"2"})
    int threads;

    private Interactions train;
    private MatrixFactorization model;
    private Trainer trainer;

    @Setup
    public void setup() {
        train = BenchData.citeulikeSized(1);
        model = MatrixFactorization.initialise(train.numUsers(), train.numItems(), dim, new SplittableRandom(1));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withLazyAdam(lazyAdam);
        trainer = new Trainer(config, new ChunkedExecutor(threads), TrainingListener.NONE);
    }

    @Benchmark
    public MatrixFactorization epoch() {
        trainer.train(model, train, Interactions.empty(train.numUsers(), train.numItems()), null, List.of(new BprObjective(1.0)));
        return model;
    }
}
