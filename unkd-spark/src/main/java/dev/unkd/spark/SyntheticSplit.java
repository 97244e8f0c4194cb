package dev.unkd.spark;

import dev.unkd.parallel.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A large synthetic split for scale runs, generated on the executors and written as Parquet:
 * {@code train.parquet}, {@code test.parquet} (user, item as numeric strings) and random
 * embeddings {@code users.parquet}, {@code items.parquet} (id, vector) for a teacher.
 *
 * <p>Item popularity follows a power law: item = floor(items * x^skew) with x uniform, so the
 * density of item i falls like i^(1/skew - 1) (skew 3: the first 1% of items gets about a fifth
 * of all interactions). A user draws about {@code interactions / users} distinct items; 20% of
 * them (ceil) are held out for test, as the paper's protocol. Every user's stream is seeded from
 * (seed, user), so the data does not depend on the partitioning.
 */
public final class SyntheticSplit {
    private static final StructType PAIRS = new StructType().add("part", DataTypes.IntegerType, false)
            .add(InteractionTables.USER, DataTypes.StringType, false).add(InteractionTables.ITEM, DataTypes.StringType, false);

    /** @param skew power of the item law (&gt; 1: more skewed) */
    public record Options(int users, int items, long interactions, double skew, int dim, long seed, int partitions)
            implements java.io.Serializable {
        public Options {
            if (users < 1 || items < 2 || interactions < users || !(skew >= 1) || dim < 1 || partitions < 1) {
                throw new IllegalArgumentException("Invalid synthetic data options: " + users + " users, " + items + " items, "
                        + interactions + " interactions, skew " + skew + ", dim " + dim);
            }
        }
    }

    private SyntheticSplit() {
    }

    public static void write(SparkSession spark, Options o, Path dir) {
        double perUser = (double) o.interactions() / o.users();
        Dataset<Row> pairs = spark.range(0, o.users(), 1, o.partitions())
                .flatMap((FlatMapFunction<Long, Row>) u -> userPairs(u.intValue(), perUser, o), Encoders.row(PAIRS));
        pairs.cache();
        pairs.where("part = 0").select(InteractionTables.USER, InteractionTables.ITEM).write().mode("overwrite")
                .parquet(dir.resolve("train.parquet").toString());
        pairs.where("part = 1").select(InteractionTables.USER, InteractionTables.ITEM).write().mode("overwrite")
                .parquet(dir.resolve("test.parquet").toString());
        pairs.unpersist();
        vectors(spark, o.users(), o, 1).write().mode("overwrite").parquet(dir.resolve("users.parquet").toString());
        vectors(spark, o.items(), o, 2).write().mode("overwrite").parquet(dir.resolve("items.parquet").toString());
    }

    private static Iterator<Row> userPairs(int u, double perUser, Options o) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(o.seed(), 0, u));
        int lo = Math.max(2, (int) Math.floor(perUser / 2));
        int hi = Math.max(lo, (int) Math.ceil(perUser * 1.5));
        int degree = Math.min(o.items() / 2, lo + rng.nextInt(hi - lo + 1));
        Set<Integer> items = new HashSet<>();
        List<Integer> order = new ArrayList<>(degree);
        while (order.size() < degree) {
            int i = Math.min(o.items() - 1, (int) (o.items() * Math.pow(rng.nextDouble(), o.skew())));
            if (items.add(i)) {
                order.add(i);
            }
        }
        int test = (int) Math.ceil(0.2 * degree);
        List<Row> out = new ArrayList<>(degree);
        for (int k = 0; k < degree; k++) {
            out.add(RowFactory.create(k < test ? 1 : 0, Integer.toString(u), Integer.toString(order.get(k))));
        }
        return out.iterator();
    }

    private static Dataset<Row> vectors(SparkSession spark, int rows, Options o, long stream) {
        StructType schema = new StructType().add(FactorEmbeddings.ID, DataTypes.StringType, false)
                .add(FactorEmbeddings.VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        double scale = 1 / Math.sqrt(o.dim());
        return spark.range(0, rows, 1, o.partitions()).map((org.apache.spark.api.java.function.MapFunction<Long, Row>) r -> {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(o.seed(), stream, r));
            Float[] v = new Float[o.dim()];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) ((rng.nextDouble() * 2 - 1) * scale);
            }
            return RowFactory.create(Long.toString(r), v);
        }, Encoders.row(schema)).select(functions.col(FactorEmbeddings.ID), functions.col(FactorEmbeddings.VECTOR));
    }
}
