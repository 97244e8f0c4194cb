package dev.unkd.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.MetricName;
import dev.unkd.io.AtomicFiles;
import dev.unkd.spark.FactorEmbeddings;
import dev.unkd.spark.IndexedSplit;
import dev.unkd.spark.SparkEvaluation;
import dev.unkd.spark.SplitTables;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unkd spark evaluate}: the flags and the JSON of {@code unkd evaluate}
 * ({"valid": {...}, "test": {...}, "model", "k"}), with the ranking on Spark.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Full-ranking accuracy and popularity-bias metrics of a model on a split, ranked on Spark.")
public final class EvaluateJobCommand implements Callable<Integer> {
    @Mixin
    SparkOptions sparkOptions;
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", required = true, description = "Split directory: train, test and optional valid as .txt, .parquet or .csv.")
    Path data;

    @Option(names = "--k", split = ",", description = "List lengths (default: 10,20).")
    int[] ks = {10, 20};

    @Option(names = "--groups", description = "Popularity groups for the share metrics (default: ${DEFAULT-VALUE}).")
    int groups = 4;

    @Option(names = "--seed", description = "Seed (kept for flag compatibility; full ranking is deterministic).")
    long seed = 2022;

    @Option(names = "--json", description = "Metrics JSON to write.")
    Path json;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = sparkOptions.start("evaluate");
        PhaseClock clock = new PhaseClock();
        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, data));
        clock.mark("ids");
        FactorEmbeddings model = modelOptions.load(spark, split);
        clock.mark("model");
        EvaluationOptions options = new EvaluationOptions(ks, groups, 0, seed, 64);
        SparkEvaluation evaluation = new SparkEvaluation(spark, split, options, sparkOptions.partitions);
        clock.mark("training pairs to driver");
        SparkEvaluation.Result result = evaluation.evaluate(model);
        clock.mark("rank + reduce");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("valid", result.valid().map(EvaluationReport::asMap).orElse(Map.of(EvaluationReport.USERS, 0.0)));
        metrics.put("test", result.test().asMap());
        metrics.put("model", modelOptions.kind);
        metrics.put("k", Arrays.stream(options.ks()).boxed().toList());
        if (json != null) {
            AtomicFiles.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics) + "\n");
        }
        System.out.printf("%s: test users %d", modelOptions.describe(), result.test().users());
        for (int k : options.ks()) {
            System.out.printf(", recall@%d %.4f, ndcg@%d %.4f", k, result.test().get(MetricName.RECALL.at(k)), k,
                    result.test().get(MetricName.NDCG.at(k)));
        }
        System.out.printf(" (%s)%n", clock.summary());
        return 0;
    }
}
