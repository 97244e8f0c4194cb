package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.SavedModel;
import dev.unkd.model.Scorer;
import dev.unkd.model.SplitCheck;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd evaluate}: accuracy and popularity-bias metrics of a saved model on a split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model file on the validation and test users of a split (full ranking, training items excluded).")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Option(names = "--model", required = true, description = "Model file.")
    Path model;

    @Option(names = "--k", split = ",", converter = Bounds.Positive.class, description = "List lengths (default: 10,20).")
    int[] ks = {10, 20};

    @Option(names = "--groups", converter = Bounds.Positive.class, description = "Popularity groups for the share metrics (default: ${DEFAULT-VALUE}).")
    int groups = 4;

    @Option(names = "--sampled", converter = Bounds.NonNegative.class, description = "Sampled protocol: rank each held-out item against N random unobserved items (0 = full ranking, default).")
    int sampled = 0;

    @Option(names = "--json", description = "Metrics JSON to write.")
    Path json;

    @Option(names = "--allow-other-split", description = "Use the model with another split of its ids (warns; metrics are then not held out).")
    boolean allowOtherSplit;

    @Override
    public Integer call() throws Exception {
        OutputPaths.file(json, "--json"); // issue 14: before any work
        Dataset dataset = data.load(common.seed);
        SavedModel saved = ModelFile.load(model);
        Scorer scorer = Models.restore(saved, dataset, model, allowOtherSplit ? SplitCheck.ALLOW_OTHER_SPLIT : SplitCheck.SAME_SPLIT).scorer();
        EvaluationOptions options = new EvaluationOptions(ks, groups, sampled, common.seed, 64);
        Evaluator evaluator = new Evaluator(dataset.train(), options, common.executor());
        EvaluationReport valid = EvaluationProgress.evaluate(evaluator, scorer, dataset.valid(), "validation", common.quiet);
        EvaluationReport test = EvaluationProgress.evaluate(evaluator, scorer, dataset.test(), "test", common.quiet);
        Map<String, Object> metrics = new LinkedHashMap<>(MetricsJson.of(valid, test, null));
        metrics.put("model", saved.type());
        metrics.put("k", Arrays.stream(ks).boxed().toList());
        if (json != null) {
            MetricsJson.write(json, metrics);
        }
        if (!common.quiet) {
            System.out.print(new MetricsTable().add(model.getFileName().toString(), test).render());
        }
        return 0;
    }
}
