package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.Scorer;
import dev.unkd.model.TrainableModel;
import dev.unkd.recommend.Recommender;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unkd bench}: wall-clock timing of a training epoch and of a full test ranking on real
 * data, after JIT warm-up; prints median and min over repetitions. For kernels in isolation use
 * the JMH module (unkd-bench).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training epochs and full-ranking evaluation (median of repetitions after warm-up).")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;
    @Mixin
    TrainingOptions training;

    @Option(names = "--warmup", converter = Bounds.NonNegative.class, description = "Untimed epochs first (default: ${DEFAULT-VALUE}).")
    int warmup = 5;

    @Option(names = "--repeat", converter = Bounds.Positive.class, description = "Timed repetitions (default: ${DEFAULT-VALUE}).")
    int repeat = 10;

    private static final int TOP = 20;

    @Option(names = "--load", paramLabel = "FILE",
            description = "Time the rankings of this trained model file (of --data's split) instead of a freshly initialised one; "
                    + "the top-k pruning depends on the trained item norms. The epochs are still timed on a fresh model.")
    Path load;

    @Override
    public Integer call() throws Exception {
        training.defaultDim(100);
        Dataset dataset = data.load(common.seed);
        TrainableModel model = training.spec().create(dataset.train(), common.seed, common.executor());
        List<Double> epochs = new ArrayList<>();
        TrainingListener timer = new TrainingListener() {
            @Override
            public void epochFinished(int epoch, double loss, double seconds) {
                if (epoch > warmup) {
                    epochs.add(seconds);
                }
            }
        };
        new Trainer(training.config(common.seed).withEpochs(warmup + repeat).withEvalEvery(1_000_000, 1), common.executor(), timer)
                .train(model, dataset.train(), dataset.valid(), null, List.of(new BprObjective(1.0)));
        Evaluator evaluator = new Evaluator(dataset.train(), EvaluationOptions.defaults(), common.executor());
        Scorer scorer = load == null ? model.scorer() : Models.restore(ModelFile.load(load), dataset, load).scorer();
        List<Double> evals = timed(() -> evaluator.evaluate(scorer, dataset.test()));
        int[] users = IntStream.range(0, dataset.numUsers()).filter(u -> dataset.test().userDegree(u) > 0).toArray();
        Recommender recommender = new Recommender(scorer, dataset.train());
        List<Double> pruned = timed(() -> recommender.recommend(users, TOP, evaluator.options().userBlock(), common.executor()));
        List<Double> exhaustive = timed(() -> recommender.exhaustive().recommend(users, TOP, evaluator.options().userBlock(), common.executor()));
        System.out.printf("data %s: %d users, %d items, %d train pairs; model %s-%d; %d threads%n", data.data, dataset.numUsers(),
                dataset.numItems(), dataset.train().size(), training.model, training.dim, common.threads);
        if (load != null) {
            System.out.printf("rankings of %s%n", load);
        }
        System.out.printf("epoch:                 median %.4f s, min %.4f s (%d epochs after %d warm-up)%n", median(epochs),
                min(epochs), epochs.size(), warmup);
        System.out.printf("full test ranking:     median %.4f s, min %.4f s (%d users)%n", median(evals), min(evals),
                dataset.test().activeUsers());
        System.out.printf("top-%d lists, pruned:   median %.4f s, min %.4f s%n", TOP, median(pruned), min(pruned));
        System.out.printf("top-%d lists, all items: median %.4f s, min %.4f s%n", TOP, median(exhaustive), min(exhaustive));
        return 0;
    }

    /** Wall-clock seconds of {@code warmup + repeat} runs, the first {@code warmup} dropped. */
    private List<Double> timed(Runnable run) {
        List<Double> seconds = new ArrayList<>();
        for (int r = 0; r < warmup + repeat; r++) {
            long t0 = System.nanoTime();
            run.run();
            if (r >= warmup) {
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
        }
        return seconds;
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a[a.length / 2];
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
