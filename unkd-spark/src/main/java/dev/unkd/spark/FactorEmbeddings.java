package dev.unkd.spark;

import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.Embeddings;
import dev.unkd.model.LightGcn;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.SavedModel;
import dev.unkd.teacher.IdListFile;
import dev.unkd.teacher.Teachers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The final embeddings of a factor model (a teacher or a student; MF, LightGCN or exported) for the Spark jobs: user
 * vectors stay distributed as a table (u int, vec array&lt;float&gt;), the item table is held on
 * the driver in the split's item index order and broadcast to the executors (items x dim floats;
 * 200k x 100 is 80 MB). score(u, i) = &lt;p_u, q_i&gt;, as {@link dev.unkd.model.FactorScorer}.
 */
public record FactorEmbeddings(String source, int dim, Dataset<Row> users, float[] items) {
    public static final String VEC = "vec";
    /** Column names of an embedding Parquet file. */
    public static final String ID = "id";
    public static final String VECTOR = "vector";

    /** An unkd model file (MF or LightGCN) trained on the same ids; see {@link #fromSavedModel}. */
    public static FactorEmbeddings fromModelFile(SparkSession spark, Path file, IndexedSplit split) throws IOException {
        return fromSavedModel(spark, ModelFile.load(file), file, split);
    }

    /**
     * The embeddings a saved model scores with, as the core's {@code Models.restore(...).scorer()}:
     * MF's tables as stored; a graph model's final embeddings (LightGCN: the mean of its L
     * propagated layers), computed on the driver by the core over the training interactions,
     * which are collected for it (16 bytes per pair) and must be those the model was trained on.
     */
    public static FactorEmbeddings fromSavedModel(SparkSession spark, SavedModel saved, Path file, IndexedSplit split) {
        if (saved.users().checksum() != split.users().checksum() || saved.items().checksum() != split.items().checksum()) {
            throw new IllegalArgumentException(file + ": model was trained on other data: its " + saved.users().size() + " users / "
                    + saved.items().size() + " items do not match the data's " + split.numUsers() + " / " + split.numItems()
                    + " (ids or their order differ)");
        }
        String source = "model file " + file + " (" + saved.type() + ")";
        if (MatrixFactorization.TYPE.equals(saved.type())) {
            return fromTables(spark, source, saved.table("users"), saved.table("items"));
        }
        if (!LightGcn.TYPE.equals(saved.type())) {
            throw new IllegalArgumentException(file + ": model type '" + saved.type() + "' is not supported by the Spark jobs; export its"
                    + " final embeddings (unkd export) and pass them as Parquet or .npy");
        }
        Interactions train = split.collect(split.train());
        dev.unkd.data.Dataset graph = new dev.unkd.data.Dataset(file.toString(), split.users(), split.items(), train,
                Interactions.empty(split.numUsers(), split.numItems()), Interactions.empty(split.numUsers(), split.numItems()));
        Embeddings propagated = ((LightGcn) Models.restore(saved, graph, file)).propagate();
        return fromTables(spark, source, propagated.users(), propagated.items());
    }

    /** NumPy matrices (rows in the split's id order, or mapped by id list files, as the core's teacher import). */
    public static FactorEmbeddings fromNpy(SparkSession spark, Path userFile, Path itemFile, Optional<Path> userIds,
            Optional<Path> itemIds, IndexedSplit split) throws IOException {
        EmbeddingTable users = align(Teachers.readMatrix(userFile), userFile, userIds, split.users(), "user");
        EmbeddingTable items = align(Teachers.readMatrix(itemFile), itemFile, itemIds, split.items(), "item");
        return fromTables(spark, "embeddings " + userFile + ", " + itemFile, users, items);
    }

    private static EmbeddingTable align(EmbeddingTable rows, Path file, Optional<Path> idFile, IdMap target, String what)
            throws IOException {
        if (idFile.isEmpty()) {
            if (rows.rows() != target.size()) {
                throw new IllegalArgumentException(file + ": has " + rows.rows() + " rows, the data has " + target.size() + " " + what
                        + "s; give an id list file");
            }
            return rows;
        }
        List<String> ids = IdListFile.read(idFile.get());
        if (ids.size() != rows.rows()) {
            throw new IllegalArgumentException(idFile.get() + ": lists " + ids.size() + " ids for " + rows.rows() + " rows of " + file);
        }
        float[] out = new float[Math.multiplyExact(target.size(), rows.dim())];
        boolean[] seen = new boolean[target.size()];
        for (int r = 0; r < ids.size(); r++) {
            int k = target.indexOf(ids.get(r));
            if (k >= 0) {
                System.arraycopy(rows.data(), r * rows.dim(), out, k * rows.dim(), rows.dim());
                seen[k] = true;
            }
        }
        for (int k = 0; k < seen.length; k++) {
            if (!seen[k]) {
                throw new IllegalArgumentException(idFile.get() + ": no row for " + what + " '" + target.id(k) + "'");
            }
        }
        return new EmbeddingTable(target.size(), rows.dim(), out);
    }

    static FactorEmbeddings fromTables(SparkSession spark, String source, EmbeddingTable users, EmbeddingTable items) {
        if (users.dim() != items.dim()) {
            throw new IllegalArgumentException(source + ": user dim " + users.dim() + " != item dim " + items.dim());
        }
        List<Row> rows = new ArrayList<>(users.rows());
        for (int u = 0; u < users.rows(); u++) {
            rows.add(RowFactory.create(u, boxed(users.row(u))));
        }
        StructType schema = new StructType().add(IndexedSplit.U, DataTypes.IntegerType, false)
                .add(VEC, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return new FactorEmbeddings(source, users.dim(), spark.createDataFrame(rows, schema), items.data());
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = v[d];
        }
        return out;
    }

    /**
     * Parquet tables (id string, vector array&lt;float&gt;) for users and items, e.g. exported from a
     * training job on the cluster. Every user and item of the split needs exactly one row; rows of
     * unknown ids are ignored; all vectors must have one length.
     */
    public static FactorEmbeddings fromParquet(SparkSession spark, Path userFile, Path itemFile, IndexedSplit split) {
        Dataset<Row> users = vectors(spark, userFile);
        Dataset<Row> items = vectors(spark, itemFile);
        int userDim = dimension(users, userFile);
        int itemDim = dimension(items, itemFile);
        if (userDim != itemDim) {
            throw new IllegalArgumentException("dimension mismatch: user vectors in " + userFile + " have " + userDim
                    + " values, item vectors in " + itemFile + " have " + itemDim);
        }
        Dataset<Row> userIndex = IndexedSplit.indexTable(spark, split.users(), ID, IndexedSplit.U);
        List<Row> missingUser = userIndex.join(users, userIndex.col(ID).equalTo(users.col(ID)), "left_anti").limit(1).collectAsList();
        if (!missingUser.isEmpty()) {
            throw new IllegalArgumentException(userFile + ": no vector for user '" + missingUser.get(0).getString(0) + "'");
        }
        Dataset<Row> userVectors = users.join(functions.broadcast(userIndex), ID).select(IndexedSplit.U, VEC);
        float[] itemTable = new float[Math.multiplyExact(split.numItems(), itemDim)];
        boolean[] seen = new boolean[split.numItems()];
        Dataset<Row> itemIndex = IndexedSplit.indexTable(spark, split.items(), ID, IndexedSplit.I);
        for (Row r : items.join(functions.broadcast(itemIndex), ID).select(IndexedSplit.I, VEC).collectAsList()) {
            int i = r.getInt(0);
            List<Float> v = r.getList(1);
            for (int d = 0; d < itemDim; d++) {
                itemTable[i * itemDim + d] = v.get(d);
            }
            seen[i] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException(itemFile + ": no vector for item '" + split.items().id(i) + "'");
            }
        }
        return new FactorEmbeddings("embeddings " + userFile + ", " + itemFile, itemDim, userVectors, itemTable);
    }

    /** Reads (id, vector) and checks columns, nulls and duplicate ids. */
    private static Dataset<Row> vectors(SparkSession spark, Path file) {
        Dataset<Row> raw = spark.read().parquet(file.toString());
        List<String> columns = Arrays.asList(raw.columns());
        if (!columns.contains(ID) || !columns.contains(VECTOR)) {
            throw new IllegalArgumentException(file + ": embedding table needs columns '" + ID + "' and '" + VECTOR + "' (has " + columns + ")");
        }
        Dataset<Row> v = raw.select(raw.col(ID).cast("string").as(ID),
                raw.col(VECTOR).cast(DataTypes.createArrayType(DataTypes.FloatType)).as(VEC));
        List<Row> duplicate = v.groupBy(ID).count().where("count > 1").limit(1).collectAsList();
        if (!duplicate.isEmpty()) {
            throw new IllegalArgumentException(file + ": duplicate id '" + duplicate.get(0).getString(0) + "' ("
                    + duplicate.get(0).getLong(1) + " rows)");
        }
        return v;
    }

    private static int dimension(Dataset<Row> vectors, Path file) {
        List<Row> sizes = vectors.select(functions.size(functions.col(VEC)).as("n")).distinct().limit(2).collectAsList();
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException(file + ": no vectors");
        }
        if (sizes.size() > 1) {
            throw new IllegalArgumentException(file + ": vectors of different lengths (" + sizes.get(0).getInt(0) + " and "
                    + sizes.get(1).getInt(0) + ")");
        }
        int dim = sizes.get(0).getInt(0);
        if (dim < 1) {
            throw new IllegalArgumentException(file + ": empty or null vectors");
        }
        return dim;
    }
}
