package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.TrainableModel;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd train}: trains a teacher or a plain student with BPR, keeps the best model on validation. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a BPR model (MF or LightGCN); keep the epoch with the best validation NDCG@20; report test metrics.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;
    @Mixin
    TrainingOptions training;

    @Option(names = "--out", description = "Model file to write.")
    Path out;

    @Option(names = "--json", description = "Metrics JSON to write.")
    Path json;

    @Override
    public Integer call() throws Exception {
        Dataset dataset = data.load(common.seed);
        TrainableModel model = training.create(dataset, common.seed, common.executor());
        Evaluator evaluator = new Evaluator(dataset.train(), EvaluationOptions.defaults(), common.executor());
        TrainingListener listener = common.quiet ? TrainingListener.NONE : new ProgressListener("train " + training.model + "-" + training.dim, "ndcg@20");
        TrainingResult result = new Trainer(training.config(common.seed), common.executor(), listener)
                .train(model, dataset.train(), dataset.valid(), evaluator, List.of(new BprObjective(1.0)));
        EvaluationReport test = evaluator.evaluate(model.scorer(), dataset.test());
        Map<String, Object> metrics = MetricsJson.of(result.bestValidation().orElse(null), test, result);
        if (out != null) {
            Map<String, Object> provenance = new LinkedHashMap<>(training.describe());
            provenance.put("seed", common.seed);
            provenance.put("data", data.data);
            provenance.put("unkdVersion", Version.version());
            provenance.put("bestEpoch", result.bestEpoch());
            ModelFile.save(Models.toSaved(model, dataset, provenance), out);
        }
        if (json != null) {
            MetricsJson.write(json, metrics);
        }
        if (!common.quiet) {
            System.out.printf("best epoch %d of %d, %.3f s/epoch%n", result.bestEpoch(), result.epochsRun(), result.secondsPerEpoch());
            System.out.print(new MetricsTable().add(training.model + "-" + training.dim, test).render());
        }
        return 0;
    }
}
