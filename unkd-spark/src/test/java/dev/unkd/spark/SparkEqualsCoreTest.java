package dev.unkd.spark;

import dev.unkd.spark.cli.SparkMain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.data.SplitDirectory;
import dev.unkd.distill.TeacherRanking;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.LightGcn;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teachers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each Spark job against the core on the same data: equal lists, bit-identical metrics. */
@Tag("slow") // seconds of Spark start-up or training: skip with -Dunkd.skipTags=slow
class SparkEqualsCoreTest {
    @TempDir
    Path tmp;

    @Test
    void idMapsAndGroupsEqualTheCore() throws IOException {
        Path dir = SmallSplit.write(tmp.resolve("split"), 1);
        SparkSession spark = LocalSpark.get();
        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, dir));
        Dataset core = SplitDirectory.read(dir);
        assertThat(split.users()).isEqualTo(core.users());
        assertThat(split.items()).isEqualTo(core.items());
        assertThat(split.collect(split.train())).isEqualTo(core.train());
        assertThat(split.collect(split.test())).isEqualTo(core.test());
        assertThat(split.itemPopularity()).isEqualTo(core.train().itemPopularity());
        assertThat(split.groups(4, false).assignment()).isEqualTo(PopularityGroups.split(core.train(), 4, false).assignment());
    }

    @Test
    void teacherRankingEqualsTheCore() throws IOException {
        Path dir = SmallSplit.write(tmp.resolve("split"), 2);
        SparkSession spark = LocalSpark.get();
        Dataset core = SplitDirectory.read(dir);
        EmbeddingTable users = SmallSplit.embeddings(core.numUsers(), 8, 3);
        EmbeddingTable items = SmallSplit.embeddings(core.numItems(), 8, 4);
        PopularityGroups groups = PopularityGroups.split(core.train(), 4, false);
        int depth = 20;
        TeacherRanking expected = TeacherRanking.grouped(new FactorScorer(users, items), core.train(), groups, depth, new ChunkedExecutor(2));

        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, dir));
        FactorEmbeddings teacher = FactorEmbeddings.fromTables(spark, "test", users, items);
        List<Row> rows = SparkTeacherRanking.lists(spark, split, teacher, split.groups(4, false), depth, 3).collectAsList();

        assertThat(rows).hasSize(core.numUsers() * groups.numGroups());
        for (Row r : rows) {
            List<Integer> list = r.getList(2);
            assertThat(list.stream().mapToInt(Integer::intValue).toArray()).as("user %d group %d", r.getInt(0), r.getInt(1))
                    .isEqualTo(expected.list(r.getInt(0), r.getInt(1)));
        }
    }

    @Test
    void evaluationEqualsTheCoreBitForBit() throws IOException {
        Path dir = SmallSplit.write(tmp.resolve("split"), 5);
        SparkSession spark = LocalSpark.get();
        Dataset core = SplitDirectory.read(dir);
        EmbeddingTable users = SmallSplit.embeddings(core.numUsers(), 6, 6);
        EmbeddingTable items = SmallSplit.embeddings(core.numItems(), 6, 7);
        EvaluationOptions options = EvaluationOptions.defaults().withKs(5, 10, 20);
        Evaluator evaluator = new Evaluator(core.train(), options, new ChunkedExecutor(2));
        FactorScorer scorer = new FactorScorer(users, items);

        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, dir));
        SparkEvaluation.Result result = new SparkEvaluation(spark, split, options, 3)
                .evaluate(FactorEmbeddings.fromTables(spark, "test", users, items));

        assertSameMetrics(result.test(), evaluator.evaluate(scorer, core.test()));
        assertSameMetrics(result.valid().orElseThrow(), evaluator.evaluate(scorer, core.valid()));
    }

    /** A LightGCN model file: the jobs use its propagated embeddings, so lists and metrics equal the core's on its scorer. */
    @Test
    void lightGcnModelFileRanksAndEvaluatesAsTheCore() throws IOException {
        Path dir = SmallSplit.write(tmp.resolve("split"), 8);
        SparkSession spark = LocalSpark.get();
        Dataset core = SplitDirectory.read(dir);
        LightGcn lightGcn = LightGcn.initialise(core.train(), 6, 2, 1.0, new SplittableRandom(9), new ChunkedExecutor(2));
        Path file = tmp.resolve("lightgcn.unkd");
        ModelFile.save(Models.toSaved(lightGcn, core, Map.of()), file);
        Scorer expected = Teachers.fromModelFile(file, core).scorer();
        EvaluationOptions options = EvaluationOptions.defaults().withKs(5, 20);

        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, dir));
        FactorEmbeddings model = FactorEmbeddings.fromModelFile(spark, file, split);
        assertThat(model.items()).as("propagated, not the stored layer-0 table").isNotEqualTo(lightGcn.itemTable().data())
                .isEqualTo(lightGcn.propagate().items().data());
        SparkEvaluation.Result result = new SparkEvaluation(spark, split, options, 3).evaluate(model);
        Evaluator evaluator = new Evaluator(core.train(), options, new ChunkedExecutor(2));
        assertSameMetrics(result.test(), evaluator.evaluate(expected, core.test()));
        assertSameMetrics(result.valid().orElseThrow(), evaluator.evaluate(expected, core.valid()));

        PopularityGroups groups = PopularityGroups.split(core.train(), 4, false);
        TeacherRanking lists = TeacherRanking.grouped(expected, core.train(), groups, 15, new ChunkedExecutor(2));
        for (Row r : SparkTeacherRanking.lists(spark, split, model, split.groups(4, false), 15, 3).collectAsList()) {
            List<Integer> list = r.getList(2);
            assertThat(list.stream().mapToInt(Integer::intValue).toArray()).as("user %d group %d", r.getInt(0), r.getInt(1))
                    .isEqualTo(lists.list(r.getInt(0), r.getInt(1)));
        }

        Path json = tmp.resolve("lightgcn.json");
        assertThat(SparkMain.execute("evaluate", "--partitions", "2", "--model", file.toString(), "--data", dir.toString(), "--k", "5,20",
                "--json", json.toString())).isZero();
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.get("model").asText()).isEqualTo("lightgcn");
        assertThat(written.get("test").get("ndcg@20").asDouble()).isEqualTo(result.test().get(MetricName.NDCG.at(20)));

        // a LightGCN file propagates over its own training graph: another split's is refused by name
        Path other = SmallSplit.write(tmp.resolve("other"), 8);
        int newItem = java.util.stream.IntStream.range(0, core.numItems()).filter(i -> !core.train().contains(0, i)).findFirst().orElseThrow();
        Files.writeString(other.resolve("train.txt"), Files.readString(other.resolve("train.txt")) + core.users().id(0) + "\t"
                + core.items().id(newItem) + "\n"); // one more training pair over the same ids
        IndexedSplit otherSplit = IndexedSplit.index(spark, SplitTables.read(spark, other));
        assertThat(otherSplit.items()).isEqualTo(split.items());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FactorEmbeddings.fromModelFile(spark, file, otherSplit))
                .hasMessageContaining("lightgcn.unkd").hasMessageContaining("different training graph");
    }

    static void assertSameMetrics(EvaluationReport actual, EvaluationReport expected) {
        assertThat(actual.users()).isEqualTo(expected.users());
        assertThat(actual.keys()).containsExactlyElementsOf(expected.keys());
        for (MetricKey key : expected.keys()) {
            if (key.metric().perGroup()) {
                assertThat(actual.perGroup(key)).as(key.toString()).isEqualTo(expected.perGroup(key));
            } else {
                assertThat(actual.get(key)).as(key.toString()).isEqualTo(expected.get(key));
            }
        }
    }
}
