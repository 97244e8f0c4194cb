package dev.unkd.spark;

import dev.unkd.data.IdMap;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Builds the same {@link IdMap} as the core's split reader: {@link IdMap#canonical} over the
 * distinct ids in order of first appearance across the parts (train, valid, test). Canonical
 * order is numeric when every id is a non-negative integer (then appearance order does not
 * matter); otherwise it is the appearance order, taken from each row's position in its input
 * ({@code monotonically_increasing_id} before any shuffle), which follows the file for a single
 * input file. The distinct ids are collected to the driver: a few bytes per user and item.
 */
final class SparkIdMaps {
    private SparkIdMaps() {
    }

    static IdMap canonical(List<Dataset<Row>> parts, String column) {
        Dataset<Row> all = null;
        for (int p = 0; p < parts.size(); p++) {
            Dataset<Row> positioned = parts.get(p).select(functions.col(column).as("id"),
                    functions.struct(functions.lit(p).as("part"), functions.monotonically_increasing_id().as("pos")).as("at"));
            all = all == null ? positioned : all.unionAll(positioned);
        }
        List<Row> first = all.groupBy("id").agg(functions.min("at").as("at")).orderBy("at.part", "at.pos").select("id").collectAsList();
        List<String> ids = new ArrayList<>(first.size());
        for (Row r : first) {
            ids.add(r.getString(0));
        }
        return IdMap.canonical(ids);
    }
}
