package dev.unkd.spark;

import dev.unkd.data.Interactions;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Full-ranking evaluation with the ranking on the executors and the reduction on the driver.
 * The expensive part, users x items x dim multiply-adds and the top-K selection, runs per
 * partition with the core's scorer and selection; the top lists (users x maxK ints) come back
 * to the driver and are reduced by the core's own {@link Evaluator#evaluateLists}, in user order,
 * so every metric is bit-identical to {@code unkd evaluate} on the same data.
 *
 * <p>The driver holds the training pairs (for the popularity groups and bias metrics; 16 bytes
 * per pair), the held-out pairs and the top lists.
 */
public final class SparkEvaluation {
    /** Metrics on the validation users (when the split has them) and the test users. */
    public record Result(Optional<EvaluationReport> valid, EvaluationReport test) {
    }

    private final SparkSession spark;
    private final IndexedSplit split;
    private final EvaluationOptions options;
    private final int partitions;
    private final Evaluator evaluator;

    public SparkEvaluation(SparkSession spark, IndexedSplit split, EvaluationOptions options, int partitions) {
        if (options.sampledNegatives() > 0) {
            throw new IllegalArgumentException("the Spark evaluation supports full ranking only (sampled negatives: "
                    + options.sampledNegatives() + ")");
        }
        this.spark = spark;
        this.split = split;
        this.options = options;
        this.partitions = partitions;
        this.evaluator = new Evaluator(split.collect(split.train()), options, new ChunkedExecutor(1));
    }

    public Result evaluate(FactorEmbeddings model) {
        Optional<EvaluationReport> valid = split.valid().map(v -> evaluate(model, v));
        return new Result(valid, evaluate(model, split.test()));
    }

    /** Metrics of the users with held-out items in {@code heldOut}. */
    public EvaluationReport evaluate(FactorEmbeddings model, Dataset<Row> heldOut) {
        Interactions held = split.collect(heldOut);
        int[] users = java.util.stream.IntStream.range(0, held.numUsers()).filter(u -> held.userDegree(u) > 0).toArray();
        int[] position = new int[held.numUsers()];
        java.util.Arrays.fill(position, -1);
        for (int b = 0; b < users.length; b++) {
            position[users[b]] = b;
        }
        Dataset<Row> evaluated = heldOut.select(IndexedSplit.U).distinct();
        List<Row> rows = TopLists.rank(spark, model, evaluated, split.train(), split.numItems(), ItemSide.allItems(split.numItems()),
                options.maxK(), partitions).collectAsList();
        int[][] lists = new int[users.length][];
        for (Row r : rows) {
            List<Integer> items = r.getList(2);
            lists[position[r.getInt(0)]] = items.stream().mapToInt(Integer::intValue).toArray();
        }
        return evaluator.evaluateLists(lists, users, held);
    }
}
