package dev.unkd.model;

import dev.unkd.data.Dataset;
import java.nio.file.Path;

/** Restores graph-based models from files; refuses files trained on other training graphs. */
final class GraphModels {
    private GraphModels() {
    }

    static TrainableModel restore(SavedModel saved, Dataset data, Path file, EmbeddingTable users, EmbeddingTable items) {
        throw new ModelFileException(file, "unknown model type '" + saved.type() + "'");
    }
}
