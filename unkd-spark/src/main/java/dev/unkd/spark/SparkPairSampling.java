package dev.unkd.spark;

import dev.unkd.distill.GroupPairSampler;
import dev.unkd.distill.PairShardHeader;
import dev.unkd.distill.PairShards;
import dev.unkd.distill.TieRedraw;
import dev.unkd.parallel.SeedStream;
import dev.unkd.parallel.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * UnKD's per-epoch pair sampling as a Spark job, for E epochs in one pass over the teacher
 * lists of {@link SparkTeacherRanking}: per user, epoch e draws with the sampler seed a
 * training run with seed S uses in epoch e, so the pairs equal those the in-memory
 * {@link dev.unkd.distill.UnbiasedDistiller} draws in that run.
 *
 * <p>Output: the core's {@link PairShards} layout, so {@code unkd distill --pairs} reads it
 * without Spark or Parquet: gzipped text lines "u TAB better,... TAB worse,..." partitioned by
 * epoch ({@code epoch=E/}), the lists' {@code users.txt} and {@code items.txt}, and
 * {@code pairs.json}.
 */
public final class SparkPairSampling {
    static final String EPOCH = "epoch";
    static final String BETTER = "better";
    static final String WORSE = "worse";
    static final StructType SCHEMA = new StructType().add(EPOCH, DataTypes.IntegerType, false)
            .add(IndexedSplit.U, DataTypes.IntegerType, false)
            .add(BETTER, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(WORSE, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    private SparkPairSampling() {
    }

    /**
     * The sampler seed of a training run's epoch: the trainer gives epoch e the seed
     * derive(S, 1, e) ({@code Trainer}), the distiller derives its stream from that.
     */
    public static long samplerSeed(long trainingSeed, int epoch) {
        return Seeds.derive(SeedStream.EPOCH.seed(trainingSeed, epoch), GroupPairSampler.STREAM);
    }

    /**
     * Pairs of epochs {@code firstEpoch .. firstEpoch + epochs - 1} from lists (u, group, items).
     *
     * @param pairsPerGroup pairs per (user, group) and epoch (e.g. {@code UnkdConfig.pairsPerGroup})
     */
    public static Dataset<Row> sample(Dataset<Row> lists, int[] pairsPerGroup, double temperature, TieRedraw tieRedraw,
            long trainingSeed, int firstEpoch, int epochs, int partitions) {
        if (epochs < 1) {
            throw new IllegalArgumentException("Invalid number of epochs: " + epochs);
        }
        UserPairDraw draw = new UserPairDraw(pairsPerGroup, temperature, tieRedraw);
        Dataset<Row> byUser = lists.groupBy(IndexedSplit.U)
                .agg(functions.collect_list(functions.struct(TopLists.GROUP, IndexedSplit.ITEMS)).as("lists"))
                .repartition(partitions, functions.col(IndexedSplit.U));
        return byUser.flatMap((FlatMapFunction<Row, Row>) row -> drawUser(row, draw, trainingSeed, firstEpoch, epochs),
                Encoders.row(SCHEMA));
    }

    private static Iterator<Row> drawUser(Row row, UserPairDraw draw, long trainingSeed, int firstEpoch, int epochs) {
        int u = row.getInt(0);
        int[][] lists = new int[draw.groups()][];
        java.util.Arrays.fill(lists, new int[0]);
        for (Object o : row.getList(1)) {
            Row g = (Row) o;
            int group = g.getInt(0);
            if (group >= lists.length) {
                throw new IllegalArgumentException("lists of user " + u + " have group " + group + ", the allocation covers "
                        + lists.length + " groups");
            }
            List<Integer> items = g.getList(1);
            lists[group] = items.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] better = new int[draw.stride()];
        int[] worse = new int[draw.stride()];
        List<Row> out = new ArrayList<>(epochs);
        for (int e = firstEpoch; e < firstEpoch + epochs; e++) {
            int n = draw.draw(samplerSeed(trainingSeed, e), u, lists, better, worse);
            out.add(RowFactory.create(e, u, boxed(better, n), boxed(worse, n)));
        }
        return out.iterator();
    }

    private static Integer[] boxed(int[] a, int n) {
        Integer[] out = new Integer[n];
        for (int k = 0; k < n; k++) {
            out[k] = a[k];
        }
        return out;
    }

    /**
     * Writes pairs as {@link PairShards}; the id files are copied from the teacher-ranking output
     * the pairs were drawn from, whose indices they use.
     */
    public static void write(Dataset<Row> pairs, PairShardHeader header, Path listsDir, Path out) throws IOException {
        Column line = functions.concat_ws("\t", functions.col(IndexedSplit.U).cast("string"), functions.array_join(functions.col(BETTER), ","),
                functions.array_join(functions.col(WORSE), ","));
        pairs.select(functions.col(EPOCH), line.as("value")).write().mode("overwrite").partitionBy(EPOCH).option("compression", "gzip")
                .text(out.toString());
        Files.copy(listsDir.resolve(SparkTeacherRanking.USERS), out.resolve(PairShards.USERS), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(listsDir.resolve(SparkTeacherRanking.ITEMS), out.resolve(PairShards.ITEMS), StandardCopyOption.REPLACE_EXISTING);
        header.write(out.resolve(PairShards.HEADER)); // last: a directory with a header is complete
    }
}
