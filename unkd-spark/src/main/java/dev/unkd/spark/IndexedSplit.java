package dev.unkd.spark;

import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A split over dense indices, as the core's {@link dev.unkd.data.Dataset} but distributed:
 * tables (u int, i int) without duplicate pairs, and the id maps on the driver.
 */
public record IndexedSplit(IdMap users, IdMap items, Dataset<Row> train, Optional<Dataset<Row>> valid, Dataset<Row> test) {
    public static final String U = "u";
    public static final String I = "i";
    public static final String ITEMS = "items";

    public static IndexedSplit index(SparkSession spark, SplitTables tables) {
        IdMap users = SparkIdMaps.canonical(tables.inReadOrder(), InteractionTables.USER);
        IdMap items = SparkIdMaps.canonical(tables.inReadOrder(), InteractionTables.ITEM);
        Dataset<Row> userIndex = functions.broadcast(indexTable(spark, users, InteractionTables.USER, U));
        Dataset<Row> itemIndex = functions.broadcast(indexTable(spark, items, InteractionTables.ITEM, I));
        return new IndexedSplit(users, items, dense(tables.train(), userIndex, itemIndex),
                tables.valid().map(v -> dense(v, userIndex, itemIndex)), dense(tables.test(), userIndex, itemIndex));
    }

    /** A table (id string, index int) of an id map. */
    static Dataset<Row> indexTable(SparkSession spark, IdMap map, String idColumn, String indexColumn) {
        List<Row> rows = new ArrayList<>(map.size());
        for (int k = 0; k < map.size(); k++) {
            rows.add(RowFactory.create(map.id(k), k));
        }
        StructType schema = new StructType().add(idColumn, DataTypes.StringType, false).add(indexColumn, DataTypes.IntegerType, false);
        return spark.createDataFrame(rows, schema);
    }

    private static Dataset<Row> dense(Dataset<Row> part, Dataset<Row> userIndex, Dataset<Row> itemIndex) {
        // cached: every job reads the indexed parts several times (counts, exclusions, held-out users)
        return part.join(userIndex, InteractionTables.USER).join(itemIndex, InteractionTables.ITEM).select(U, I).distinct().cache();
    }

    public int numUsers() {
        return users.size();
    }

    public int numItems() {
        return items.size();
    }

    /** Training interactions per item (a small array, aggregated on the executors). */
    public int[] itemPopularity() {
        int[] pop = new int[numItems()];
        for (Row r : train.groupBy(I).count().collectAsList()) {
            pop[r.getInt(0)] = Math.toIntExact(r.getLong(1));
        }
        return pop;
    }

    /**
     * Popularity groups by the core's rule: the per-item counts are aggregated by Spark and split
     * on the driver by {@link PopularityGroups#split(int[], int, boolean)} itself, so the groups
     * equal the core's by construction (same counts, same item index order for ties).
     */
    public PopularityGroups groups(int k, boolean zeroInLastGroup) {
        return PopularityGroups.split(itemPopularity(), k, zeroInLastGroup);
    }

    /** Items of each user in a part, ascending: (u int, items array&lt;int&gt;). */
    public static Dataset<Row> itemsByUser(Dataset<Row> part) {
        return part.groupBy(U).agg(functions.array_sort(functions.collect_list(I)).as(ITEMS));
    }

    /**
     * Collects a part to the driver as core {@link Interactions}, one row per user (arrays, not a
     * row per pair). Memory: 16 bytes per pair on the driver once built.
     */
    public Interactions collect(Dataset<Row> part) {
        List<Row> rows = itemsByUser(part).collectAsList();
        int n = 0;
        for (Row r : rows) {
            n += r.getList(1).size();
        }
        int[] u = new int[n];
        int[] i = new int[n];
        int k = 0;
        for (Row r : rows) {
            int user = r.getInt(0);
            for (Object item : r.getList(1)) {
                u[k] = user;
                i[k++] = (Integer) item;
            }
        }
        return Interactions.of(numUsers(), numItems(), u, i);
    }
}
