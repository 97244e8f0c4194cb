package dev.unkd.model;

import dev.unkd.data.IdMap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes src/test/resources/golden/mf-v1.unkd; run once per format version, never overwrite an old golden file. */
final class GoldenModelWriter {
    public static void main(String[] args) throws Exception {
        Map<String, EmbeddingTable> tables = new LinkedHashMap<>();
        tables.put("users", new EmbeddingTable(3, 2, new float[] {1, 2, 3, 4, 5, 6}));
        tables.put("items", new EmbeddingTable(2, 2, new float[] {-1, 0.5f, 0.25f, 8}));
        SavedModel m = new SavedModel("mf", IdMap.of(List.of("u0", "u1", "u2")), IdMap.of(List.of("a", "b")), 0x1234abcdL,
                Map.of("dim", 2, "note", "golden v1"), tables);
        ModelFile.save(m, Path.of(args[0]));
    }
}
