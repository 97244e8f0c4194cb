package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.data.DatasetStats;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.MostPopular;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unkd demo}: the main job on the built-in synthetic data (or {@code --data}): an MF
 * teacher, a small MF student trained without distillation, and MostPopular, compared on
 * accuracy and popularity bias.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train an MF teacher (dim 100) and student (dim 10) on the built-in synthetic data (or --data) and compare them with MostPopular.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Option(names = "--teacher-dim", description = "Teacher dimension (default: ${DEFAULT-VALUE}).")
    int teacherDim = 100;

    @Option(names = "--student-dim", description = "Student dimension (default: ${DEFAULT-VALUE}).")
    int studentDim = 10;

    @Option(names = "--epochs", description = "Maximum epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs = 150;

    @Option(names = "--patience", description = "Validations (every 5 epochs) without improvement before stopping (default: ${DEFAULT-VALUE}).")
    int patience = 5;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Dataset dataset = data.load(common.seed);
        if (!common.quiet) {
            System.out.print(DatasetStats.of(dataset, 4).toText());
        }
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withEvalEvery(5, patience).withSeed(common.seed);
        Evaluator evaluator = new Evaluator(dataset.train(), EvaluationOptions.defaults(), common.executor());
        MetricsTable table = new MetricsTable();
        table.add("teacher mf-" + teacherDim, train(dataset, teacherDim, config, evaluator, "teacher"));
        table.add("student mf-" + studentDim, train(dataset, studentDim, config, evaluator, "student"));
        table.add("most-popular", evaluator.evaluate(new MostPopular(dataset.train()), dataset.test()));
        System.out.println();
        System.out.println("Test users, full ranking, training items excluded:");
        System.out.print(table.render());
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private EvaluationReport train(Dataset dataset, int dim, TrainingConfig config, Evaluator evaluator, String role) {
        MatrixFactorization mf = MatrixFactorization.initialise(dataset.numUsers(), dataset.numItems(), dim,
                new SplittableRandom(Seeds.derive(common.seed, 0)));
        TrainingListener listener = common.quiet ? TrainingListener.NONE : new ProgressListener(role + " mf-" + dim, "ndcg@20");
        TrainingResult result = new Trainer(config, common.executor(), listener)
                .train(mf, dataset.train(), dataset.valid(), evaluator, List.of(new BprObjective(1.0)));
        if (!common.quiet) {
            System.err.printf("%s mf-%d: best epoch %d of %d (%.3f s/epoch)%n", role, dim, result.bestEpoch(), result.epochsRun(), result.secondsPerEpoch());
        }
        return evaluator.evaluate(mf.scorer(), dataset.test());
    }
}
