package dev.unkd.spark;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.distill.TeacherRanking;
import dev.unkd.distill.UnbiasedDistiller;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.Evaluator;
import dev.unkd.eval.MetricKey;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The single-node reference for docs/SCALE.md: loads a split and a model through Spark (so that
 * Parquet inputs work), then times the core's TeacherRanking, one epoch of UnKD sampling and the
 * Evaluator on all processors. Usage: {@code ScaleBaseline DATA_DIR (MODEL | USERS.parquet ITEMS.parquet) [depth]}.
 */
public final class ScaleBaseline {
    private ScaleBaseline() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSessions.start("local[*]", "unkd baseline");
        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, Path.of(args[0])));
        boolean modelFile = args.length == 2 || !args[2].endsWith(".parquet");
        FactorEmbeddings model = modelFile ? FactorEmbeddings.fromModelFile(spark, Path.of(args[1]), split)
                : FactorEmbeddings.fromParquet(spark, Path.of(args[1]), Path.of(args[2]), split);
        int depth = args.length > (modelFile ? 2 : 3) ? Integer.parseInt(args[args.length - 1]) : TeacherRanking.DEFAULT_DEPTH;
        float[] users = new float[split.numUsers() * model.dim()];
        for (Row r : model.users().collectAsList()) {
            List<Float> v = r.getList(1);
            for (int d = 0; d < model.dim(); d++) {
                users[r.getInt(0) * model.dim() + d] = v.get(d);
            }
        }
        Interactions train = split.collect(split.train());
        Interactions test = split.collect(split.test());
        spark.stop();
        FactorScorer scorer = new FactorScorer(new EmbeddingTable(split.numUsers(), model.dim(), users),
                new EmbeddingTable(split.numItems(), model.dim(), model.items()));
        ChunkedExecutor executor = ChunkedExecutor.common();
        UnkdConfig config = UnkdConfig.defaults().withCandidates(depth);
        long t0 = System.nanoTime();
        PopularityGroups groups = config.popularityGroups(train);
        TeacherRanking ranking = TeacherRanking.grouped(scorer, train, groups, depth, executor);
        long t1 = System.nanoTime();
        new UnbiasedDistiller(config, ranking, groups, 0).redraw(1, 2022, executor);
        long t2 = System.nanoTime();
        var report = new Evaluator(train, EvaluationOptions.defaults(), executor).evaluate(scorer, test);
        long t3 = System.nanoTime();
        System.out.printf("core, %d threads: teacher-ranking %.1f s, unkd-pairs (1 epoch) %.2f s, evaluate (test) %.1f s; recall@20 %.4f%n",
                executor.threads(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, report.get(MetricKey.parse("recall@20")));
    }
}
