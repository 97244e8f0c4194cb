package dev.unkd.spark;

import dev.unkd.spark.cli.SparkMain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unkd.data.Dataset;
import dev.unkd.data.SplitDirectory;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.eval.MetricKey;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: {@code evaluate} writes the JSON of {@code unkd evaluate}; the jobs chain through their outputs. */
@Tag("slow") // seconds of Spark start-up or training: skip with -Dunkd.skipTags=slow
class SparkMainTest {
    @TempDir
    Path tmp;

    @Test
    void evaluateWritesTheCoreMetricsAsJsonAndJobsChain() throws IOException {
        LocalSpark.get(); // the commands reuse the running session and its settings
        Path dir = SmallSplit.write(tmp.resolve("split"), 21);
        Dataset core = SplitDirectory.read(dir);
        MatrixFactorization mf = new MatrixFactorization(SmallSplit.embeddings(core.numUsers(), 6, 1), SmallSplit.embeddings(core.numItems(), 6, 2));
        Path model = tmp.resolve("mf.unkd");
        ModelFile.save(Models.toSaved(mf, core, Map.of()), model);
        Path json = tmp.resolve("metrics.json");

        assertThat(SparkMain.execute("evaluate", "--master", "local[2]", "--partitions", "2", "--model", model.toString(), "--data",
                dir.toString(), "--k", "10,20", "--json", json.toString())).isEqualTo(0);

        EvaluationReport expected = new Evaluator(core.train(), EvaluationOptions.defaults(), new ChunkedExecutor(1))
                .evaluate(mf.scorer(), core.test());
        JsonNode test = new ObjectMapper().readTree(json.toFile()).get("test");
        assertThat(test.get("users").asDouble()).isEqualTo(expected.users());
        assertThat(test.get("recall@10").asDouble()).isEqualTo(expected.get(MetricKey.parse("recall@10")));
        assertThat(test.get("ndcg@20").asDouble()).isEqualTo(expected.get(MetricKey.parse("ndcg@20")));
        assertThat(test.get("groupShare@20").get(0).asDouble()).isEqualTo(expected.perGroup(MetricKey.parse("groupShare@20"))[0]);

        Path lists = tmp.resolve("lists");
        assertThat(SparkMain.execute("teacher-ranking", "--model", model.toString(), "--data", dir.toString(), "--depth", "10", "--partitions", "2", "--out",
                lists.toString())).isEqualTo(0);
        assertThat(lists.resolve("groups.txt")).exists();
        Path pairs = tmp.resolve("pairs");
        assertThat(SparkMain.execute("unkd-pairs", "--lists", lists.toString(), "--epochs", "2", "--partitions", "2", "--out", pairs.toString())).isEqualTo(0);
        assertThat(Files.isDirectory(pairs.resolve("epoch=2"))).isTrue();
        assertThat(SparkMain.execute("evaluate", "--data", dir.toString())).isEqualTo(SparkMain.FAILED);
        assertThat(SparkMain.execute("no-such-job")).isEqualTo(SparkMain.USAGE);
    }
}
