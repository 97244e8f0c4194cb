package dev.unkd.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The distributed step shared by teacher ranking and evaluation: users spread over the
 * partitions, item embeddings and groups broadcast, per (user, group) the top-{@code depth}
 * items the user has not trained on ({@link PartitionRanking}).
 */
final class TopLists {
    static final String GROUP = "group";
    static final StructType SCHEMA = new StructType().add(IndexedSplit.U, DataTypes.IntegerType, false)
            .add(GROUP, DataTypes.IntegerType, false)
            .add(IndexedSplit.ITEMS, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    private TopLists() {
    }

    /**
     * @param users table with column u: the users to rank
     * @param train training pairs (u, i), excluded from every list
     */
    static Dataset<Row> rank(SparkSession spark, FactorEmbeddings model, Dataset<Row> users, Dataset<Row> train, int numItems,
            int[][] groups, int depth, int partitions) {
        ItemSide side = new ItemSide(numItems, model.dim(), model.items(), groups);
        Broadcast<ItemSide> items = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(side);
        Dataset<Row> input = users.select(IndexedSplit.U).join(model.users(), IndexedSplit.U)
                .join(IndexedSplit.itemsByUser(train), IndexedSplit.U, "left")
                .select(functions.col(IndexedSplit.U), functions.col(FactorEmbeddings.VEC), functions.col(IndexedSplit.ITEMS))
                .repartition(partitions, functions.col(IndexedSplit.U));
        return input.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new PartitionRanking(rows, items.value(), depth),
                Encoders.row(SCHEMA));
    }
}
