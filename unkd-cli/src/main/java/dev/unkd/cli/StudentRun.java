package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.pipeline.Pipeline;
import dev.unkd.pipeline.TrainedModel;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What train and distill share around the library call: progress on the terminal, the test
 * evaluation of the kept model, the model file, METRICS.json and the summary table.
 */
final class StudentRun {
    /** Provenance entries that METRICS.json repeats next to the metrics. */
    private static final List<String> DESCRIPTION_KEYS = List.of("pdGamma", "method", "teacher", "pairs", "params");

    private StudentRun() {
    }

    /** Checks --out and --json before any work: distinct, not directories, writable folders. */
    static void checkOutputs(picocli.CommandLine.Model.CommandSpec spec, Path out, Path json) {
        OutputPaths.distinct(spec, out, "--out", json, "--json");
        OutputPaths.file(out, "--out");
        OutputPaths.file(json, "--json");
    }

    /** {@code fit} trains with the given pipeline (the library call: train, trainPd or distill). */
    static Map<String, Object> run(CommonOptions common, TrainingOptions training, Dataset dataset, Function<Pipeline, TrainedModel> fit,
            Path out, Path json) throws IOException {
        TrainingListener listener = common.quiet ? TrainingListener.NONE : new ProgressListener(training.label(), TrainingConfig.DEFAULT_SELECT_METRIC);
        Pipeline pipeline = Pipeline.create().withExecutor(common.executor()).withListener(listener)
                .withEvaluation(EvaluationOptions.defaults().withAveraging(training.averaging));
        TrainedModel trained = fit.apply(pipeline);
        TrainingResult result = trained.training().orElseThrow();
        EvaluationReport test = EvaluationProgress.evaluate(pipeline.evaluator(dataset), trained.scorer(), dataset.test(), "test", common.quiet);
        Map<String, Object> metrics = new LinkedHashMap<>(MetricsJson.of(result.bestValidation().orElse(null), test, result));
        for (String key : DESCRIPTION_KEYS) {
            if (trained.provenance().containsKey(key)) {
                metrics.put(key, trained.provenance().get(key));
            }
        }
        if (out != null) {
            trained.save(out);
        }
        if (json != null) {
            MetricsJson.write(json, metrics);
        }
        if (!common.quiet) {
            System.out.printf("best epoch %d of %d, %.3f s/epoch%n", result.bestEpoch(), result.epochsRun(), result.secondsPerEpoch());
            System.out.print(new MetricsTable().add(training.label(), test).render());
        }
        return metrics;
    }
}
