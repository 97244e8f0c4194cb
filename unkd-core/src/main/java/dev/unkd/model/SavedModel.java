package dev.unkd.model;

import dev.unkd.data.IdMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a model file: type, id maps, the fingerprint of the training data, provenance
 * (training configuration, version; sorted by key) and named float tables ("users", "items", in this order).
 */
public record SavedModel(String type, IdMap users, IdMap items, long dataFingerprint, Map<String, Object> provenance,
        Map<String, EmbeddingTable> tables) {
    public SavedModel {
        provenance = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(provenance)); // sorted: equal runs, equal bytes
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public EmbeddingTable table(String name) {
        EmbeddingTable t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("model of type " + type + " has no table '" + name + "' (has " + tables.keySet() + ")");
        }
        return t;
    }
}
