package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.eval.StratifiedTest;
import dev.unkd.eval.UserAveraging;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.SavedModel;
import dev.unkd.model.Scorer;
import dev.unkd.model.SplitCheck;
import java.nio.file.Files;
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

    @Option(names = "--ips-gamma", description = "Exponent gamma of the IPS weight (pop + 1)^-gamma of ipsRecall and ipsNdcg (default: ${DEFAULT-VALUE}; 0 = unweighted).")
    double ipsGamma = EvaluationOptions.DEFAULT_IPS_GAMMA;

    @Option(names = "--averaging", converter = AveragingConverter.class, paramLabel = "held-out-users|all-users",
            description = AveragingConverter.DESCRIPTION)
    UserAveraging averaging = UserAveraging.HELD_OUT_USERS;

    @Option(names = "--stratified-test", description = "Also evaluate on a popularity-stratified test set (the same number of test pairs drawn from every report group, seeded by --seed), as \"testStratified\" in the JSON.")
    boolean stratified;

    @Option(names = "--per-user", paramLabel = "FILE.csv", description = "Write one line per test user: user (external id) and every per-user metric (full ranking only; the folder must exist).")
    Path perUser;

    @Override
    public Integer call() throws Exception {
        OutputPaths.file(json, "--json"); // before any work
        EvaluationOptions options = new EvaluationOptions(ks, groups, sampled, common.seed, 64, ipsGamma, averaging);
        if (perUser != null) {
            Path folder = perUser.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--per-user " + perUser + ": the folder " + folder + " does not exist");
            }
            if (sampled > 0) {
                throw new IllegalArgumentException("--per-user needs full ranking; the sampled protocol (--sampled " + sampled
                        + ") has no per-user values");
            }
            OutputPaths.file(perUser, "--per-user");
        }
        Dataset dataset = data.load(common.seed);
        SavedModel saved = ModelFile.load(model);
        Scorer scorer = Models.restore(saved, dataset, model, allowOtherSplit ? SplitCheck.ALLOW_OTHER_SPLIT : SplitCheck.SAME_SPLIT).scorer();
        Evaluator evaluator = new Evaluator(dataset.train(), options, common.executor());
        EvaluationReport valid = EvaluationProgress.evaluate(evaluator, scorer, dataset.valid(), "validation", common.quiet);
        EvaluationReport test = EvaluationProgress.evaluate(evaluator, scorer, dataset.test(), "test", common.quiet, perUser != null);
        Map<String, Object> metrics = new LinkedHashMap<>(MetricsJson.of(valid, test, null));
        metrics.put("model", saved.type());
        metrics.put("k", Arrays.stream(ks).boxed().toList());
        if (stratified) {
            EvaluationReport strat = EvaluationProgress.evaluate(evaluator, scorer,
                    StratifiedTest.sample(dataset.test(), evaluator.reportGroups(), common.seed), "stratified test", common.quiet);
            metrics.put("testStratified", strat.asMap());
        }
        if (json != null) {
            MetricsJson.write(json, metrics);
        }
        if (perUser != null) {
            UserMetricsCsv.write(perUser, test.userMetrics().orElseThrow(), dataset.users());
        }
        if (!common.quiet) {
            System.out.print(new MetricsTable().add(model.getFileName().toString(), test).render());
        }
        return 0;
    }
}
