package dev.unkd.model;

import dev.unkd.data.Dataset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Converts between trainable models and model files, checking that a file fits the data. */
public final class Models {
    private Models() {
    }

    public static SavedModel toSaved(TrainableModel model, Dataset data, Map<String, Object> provenance) {
        Map<String, Object> p = new TreeMap<>(provenance);
        p.put("dim", model.dim());
        if (model instanceof LayeredModel layered) {
            p.put("layers", layered.layers());
        }
        if (model instanceof LightGcn lightGcn) {
            p.put("keepProb", lightGcn.dropout().keepProbability()); // how it was trained; inference never drops edges
        }
        return new SavedModel(model.type(), data.users(), data.items(), data.fingerprint(), p,
                tables(model));
    }

    /** Users' table first, then items': a fixed order, so equal models give equal files. */
    private static Map<String, EmbeddingTable> tables(TrainableModel model) {
        Map<String, EmbeddingTable> tables = new LinkedHashMap<>();
        tables.put("users", model.userTable());
        tables.put("items", model.itemTable());
        return tables;
    }

    /**
     * Rebuilds a trainable model from a file for the given data. The id maps must match; a
     * graph model (LightGCN) must also have been trained on exactly this training data.
     */
    public static TrainableModel restore(SavedModel saved, Dataset data, java.nio.file.Path file) {
        checkIds(saved, data, file);
        EmbeddingTable users = saved.table("users");
        EmbeddingTable items = saved.table("items");
        if (users.rows() != data.numUsers() || items.rows() != data.numItems()) {
            throw new ModelFileException(file, "tables are " + users.rows() + " x " + items.rows() + ", data has "
                    + data.numUsers() + " users x " + data.numItems() + " items");
        }
        return switch (saved.type()) {
            case MatrixFactorization.TYPE -> new MatrixFactorization(users, items);
            default -> GraphModels.restore(saved, data, file, users, items);
        };
    }

    /**
     * Rebuilds a model that needs nothing but its file (MF: the id maps and tables are all of it).
     * A graph model is refused: its embeddings are propagated over the training interactions.
     */
    public static TrainableModel restore(SavedModel saved, java.nio.file.Path file) {
        if (!MatrixFactorization.TYPE.equals(saved.type())) {
            throw new ModelFileException(file, "a " + saved.type() + " model scores with embeddings propagated over its training"
                    + " interactions, which the file does not hold; give the split it was trained on (--data DIR)");
        }
        return new MatrixFactorization(saved.table("users"), saved.table("items"));
    }

    public static void checkIds(SavedModel saved, Dataset data, java.nio.file.Path file) {
        if (saved.users().checksum() != data.users().checksum() || saved.items().checksum() != data.items().checksum()) {
            throw new ModelFileException(file, "model was trained on other data: its " + saved.users().size() + " users / "
                    + saved.items().size() + " items do not match the data's " + data.numUsers() + " / " + data.numItems()
                    + " (ids or their order differ)");
        }
    }
}
