package dev.unkd.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * One epoch of pairs written by {@link SparkPairSampling}, loaded on the driver in the layout of
 * the core's {@link dev.unkd.distill.RankedPairs}: up to {@code stride} pairs per user, user u's
 * k-th pair at u * stride + k. Memory: 8 bytes x users x stride.
 */
public final class PairShards {
    private final int stride;
    private final int[] counts;
    private final int[] better;
    private final int[] worse;

    private PairShards(int numUsers, int stride) {
        this.stride = stride;
        this.counts = new int[numUsers];
        this.better = new int[Math.multiplyExact(numUsers, stride)];
        this.worse = new int[better.length];
    }

    public static PairShards read(SparkSession spark, Path dir, int epoch, int numUsers, int stride) {
        PairShards shards = new PairShards(numUsers, stride);
        List<Row> rows = spark.read().parquet(dir.toString()).where(functions.col(SparkPairSampling.EPOCH).equalTo(epoch))
                .select(IndexedSplit.U, SparkPairSampling.BETTER, SparkPairSampling.WORSE).collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no pairs for epoch " + epoch);
        }
        for (Row r : rows) {
            int u = r.getInt(0);
            List<Integer> b = r.getList(1);
            List<Integer> w = r.getList(2);
            if (u < 0 || u >= numUsers || b.size() > stride || b.size() != w.size()) {
                throw new IllegalArgumentException(dir + ": bad row for user " + u + " (" + b.size() + " / " + w.size()
                        + " items; users " + numUsers + ", stride " + stride + ")");
            }
            shards.counts[u] = b.size();
            for (int k = 0; k < b.size(); k++) {
                shards.better[u * stride + k] = b.get(k);
                shards.worse[u * stride + k] = w.get(k);
            }
        }
        return shards;
    }

    public int numUsers() {
        return counts.length;
    }

    public int count(int u) {
        return counts[u];
    }

    public int better(int u, int k) {
        return better[u * stride + k];
    }

    public int worse(int u, int k) {
        return worse[u * stride + k];
    }
}
