package dev.unkd.bench;

import dev.unkd.data.Dataset;
import dev.unkd.data.SplitDirectory;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.eval.MetricName;
import dev.unkd.model.LightGcn;
import dev.unkd.model.ModelSpec;
import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains a LightGCN teacher on a split directory (the CiteULike split of METHOD.md section 1) and
 * prints seconds per epoch, the validation curve, the best epoch and test accuracy of the best
 * model. Not a JMH benchmark: a whole training run, for docs/BENCHMARKS.md.
 *
 * <pre>
 * java -cp unkd-bench/target/unkd-bench.jar dev.unkd.bench.LightGcnCiteUlikeRun DIR [lr] [decay] [maxEpochs] [dim] [layers] [threads]
 * </pre>
 */
public final class LightGcnCiteUlikeRun {
    private LightGcnCiteUlikeRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/citeulike");
        double lr = args.length > 1 ? Double.parseDouble(args[1]) : 0.01;
        double decay = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int dim = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int layers = args.length > 5 ? Integer.parseInt(args[5]) : LightGcn.DEFAULT_LAYERS;
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : Runtime.getRuntime().availableProcessors();
        Dataset data = SplitDirectory.read(dir);
        System.out.printf(Locale.ROOT, "%s: %d users, %d items, %d train, %d valid, %d test; dim %d, %d layers, lr %s, decay %s, %d threads%n",
                data.name(), data.numUsers(), data.numItems(), data.train().size(), data.valid().size(), data.test().size(), dim,
                layers, lr, decay, threads);
        TrainingConfig config = TrainingConfig.defaults().withLr(lr).withDecay(decay).withEpochs(epochs).withEvalEvery(5, 20);
        try (ChunkedExecutor exec = new ChunkedExecutor(threads)) {
            long t0 = System.nanoTime();
            TrainableModel model = ModelSpec.lightGcn(dim, layers).create(data.train(), config.seed(), exec); // as unkd train
            System.out.printf(Locale.ROOT, "graph and init: %.3f s%n", (System.nanoTime() - t0) / 1e9);
            Evaluator evaluator = new Evaluator(data.train(), EvaluationOptions.defaults(), exec);
            double[] epochSeconds = new double[1];
            TrainingListener progress = new TrainingListener() {
                @Override
                public void epochFinished(int epoch, double loss, double seconds) {
                    epochSeconds[0] += seconds;
                    if (epoch <= 3 || epoch % 5 == 0) {
                        System.out.printf(Locale.ROOT, "epoch %4d loss %.5f %.3f s%n", epoch, loss, seconds);
                    }
                }

                @Override
                public void validated(int epoch, EvaluationReport v, boolean best) {
                    System.out.printf(Locale.ROOT, "  valid @%d recall@20 %.4f ndcg@20 %.4f%s%n", epoch, v.get(MetricName.RECALL.at(20)),
                            v.get(MetricName.NDCG.at(20)), best ? " *" : "");
                }
            };
            TrainingResult result = new Trainer(config, exec, progress).train(model, data.train(), data.valid(), evaluator,
                    List.of(new BprObjective(1)));
            long e0 = System.nanoTime();
            EvaluationReport test = evaluator.evaluate(model.scorer(), data.test());
            double evalSeconds = (System.nanoTime() - e0) / 1e9;
            System.out.printf(Locale.ROOT, "best epoch %d of %d; %.3f s/epoch (training only), %.1f s total with validation%n",
                    result.bestEpoch(), result.epochsRun(), epochSeconds[0] / result.epochsRun(), result.trainSeconds());
            System.out.printf(Locale.ROOT, "test recall@10 %.4f ndcg@10 %.4f recall@20 %.4f ndcg@20 %.4f (test evaluation %.2f s)%n",
                    test.get(MetricName.RECALL.at(10)), test.get(MetricName.NDCG.at(10)), test.get(MetricName.RECALL.at(20)),
                    test.get(MetricName.NDCG.at(20)), evalSeconds);
        }
    }
}
