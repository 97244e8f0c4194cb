package dev.unkd.model;

import dev.unkd.data.Dataset;
import dev.unkd.parallel.ChunkedExecutor;
import java.nio.file.Path;

/**
 * Restores graph-based models from files. A LightGCN model's final embeddings depend on the
 * training graph it propagates over, not only on its stored layer-0 tables, so a file is refused
 * unless the data's training interactions are exactly those it was trained on (same fingerprint).
 */
final class GraphModels {
    private GraphModels() {
    }

    static TrainableModel restore(SavedModel saved, Dataset data, Path file, EmbeddingTable users, EmbeddingTable items) {
        if (!LightGcn.TYPE.equals(saved.type())) {
            throw new ModelFileException(file, "unknown model type '" + saved.type() + "'");
        }
        long fingerprint = data.fingerprint();
        if (saved.dataFingerprint() != fingerprint) {
            throw new ModelFileException(file, "LightGCN model was trained on a different training graph (fingerprint "
                    + Long.toHexString(saved.dataFingerprint()) + ", the training interactions of '" + data.name() + "' give "
                    + Long.toHexString(fingerprint) + "); its embeddings are propagated over the exact training "
                    + "interactions, so load it with the split it was trained on");
        }
        Object layers = saved.provenance().get("layers");
        if (!(layers instanceof Number n) || n.intValue() < 0 || n.doubleValue() != n.intValue()) {
            throw new ModelFileException(file, "LightGCN model file lacks a valid 'layers' value in its provenance (found "
                    + layers + ")");
        }
        return new LightGcn(NormalizedAdjacency.of(data.train()), users, items, n.intValue(), EdgeDropout.NONE,
                ChunkedExecutor.common());
    }
}
