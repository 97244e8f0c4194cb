package dev.unkd.model;

import dev.unkd.data.Dataset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Converts between trainable models and model files, checking that a file fits the data (ids, training-data fingerprint). */
public final class Models {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Models.class);

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
     * Rebuilds a trainable model from a file for the given data. The id maps must match and the
     * data's training interactions must be those the model was trained on (same fingerprint).
     */
    public static TrainableModel restore(SavedModel saved, Dataset data, java.nio.file.Path file) {
        return restore(saved, data, file, SplitCheck.SAME_SPLIT);
    }

    /**
     * Rebuilds a trainable model from a file for the given data. The id maps must match; with
     * {@link SplitCheck#SAME_SPLIT} the training data must be the model's own (same fingerprint),
     * with {@link SplitCheck#ALLOW_OTHER_SPLIT} another split is accepted with a warning (not for
     * LightGCN, whose embeddings are propagated over its training graph).
     */
    public static TrainableModel restore(SavedModel saved, Dataset data, java.nio.file.Path file, SplitCheck check) {
        checkIds(saved, data, file);
        if (MatrixFactorization.TYPE.equals(saved.type()) && saved.dataFingerprint() != data.fingerprint()) {
            String problem = "model was trained on another split of these ids (data fingerprint " + Long.toHexString(saved.dataFingerprint())
                    + ", the training interactions of '" + data.name() + "' give " + Long.toHexString(data.fingerprint())
                    + "): items held out here may have been its training items";
            if (check != SplitCheck.ALLOW_OTHER_SPLIT) {
                throw new ModelFileException(file, problem + "; use the split it was trained on (or allow another split explicitly)");
            }
            LOG.warn("{}: {}; used anyway as asked (metrics on this data are not a fair held-out evaluation)", file, problem);
        }
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
