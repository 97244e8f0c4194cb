package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.TrainableModel;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What train and distill share: train a model with given objectives, evaluate the kept model on
 * the test users, write the model file and METRICS.json, print the summary.
 */
final class StudentRun {
    private StudentRun() {
    }

    static Map<String, Object> run(CommonOptions common, DataOptions data, TrainingOptions training, Dataset dataset,
            List<BatchObjective> objectives, Map<String, Object> extra, Path out, Path json) throws IOException {
        TrainableModel model = training.create(dataset, common.seed, common.executor());
        Evaluator evaluator = new Evaluator(dataset.train(), EvaluationOptions.defaults(), common.executor());
        String name = training.model + "-" + training.dim;
        TrainingListener listener = common.quiet ? TrainingListener.NONE : new ProgressListener(name, TrainingConfig.DEFAULT_SELECT_METRIC);
        TrainingResult result = new Trainer(training.config(common.seed), common.executor(), listener)
                .train(model, dataset.train(), dataset.valid(), evaluator, objectives);
        EvaluationReport test = EvaluationProgress.evaluate(evaluator, model.scorer(), dataset.test(), "test", common.quiet);
        Map<String, Object> metrics = new LinkedHashMap<>(MetricsJson.of(result.bestValidation().orElse(null), test, result));
        metrics.putAll(extra);
        if (out != null) {
            Map<String, Object> provenance = new LinkedHashMap<>(training.describe());
            provenance.putAll(extra);
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
            System.out.print(new MetricsTable().add(name, test).render());
        }
        return metrics;
    }
}
