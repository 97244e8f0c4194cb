package dev.unkd.spark.cli;

import dev.unkd.model.ModelFile;
import dev.unkd.model.SavedModel;
import dev.unkd.spark.FactorEmbeddings;
import dev.unkd.spark.IndexedSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** A factor model: an unkd model file (MF or LightGCN), or user and item embeddings as Parquet (id, vector) or .npy (+ id lists). */
public final class ModelOptions {
    @Option(names = "--model", description = "unkd model file: MF, or LightGCN (its propagated embeddings, computed on the driver).")
    Path model;

    @Option(names = "--user-embeddings", description = "User embeddings: Parquet (id, vector array<float>) or .npy.")
    Path userEmbeddings;

    @Option(names = "--item-embeddings", description = "Item embeddings: Parquet (id, vector array<float>) or .npy.")
    Path itemEmbeddings;

    @Option(names = "--user-ids", description = "Ids of the .npy user rows, one per line (default: the data's id order).")
    Path userIds;

    @Option(names = "--item-ids", description = "Ids of the .npy item rows, one per line (default: the data's id order).")
    Path itemIds;

    /** What was loaded, for reports: the model file's type, or "embeddings". */
    String kind = "embeddings";

    FactorEmbeddings load(SparkSession spark, IndexedSplit split) throws IOException {
        if (model != null) {
            if (userEmbeddings != null || itemEmbeddings != null) {
                throw new IllegalArgumentException("give either --model or --user-embeddings/--item-embeddings, not both");
            }
            SavedModel saved = ModelFile.load(model);
            kind = saved.type();
            return FactorEmbeddings.fromSavedModel(spark, saved, model, split);
        }
        if (userEmbeddings == null || itemEmbeddings == null) {
            throw new IllegalArgumentException("give --model, or both --user-embeddings and --item-embeddings");
        }
        if (userEmbeddings.toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return FactorEmbeddings.fromNpy(spark, userEmbeddings, itemEmbeddings, Optional.ofNullable(userIds),
                    Optional.ofNullable(itemIds), split);
        }
        return FactorEmbeddings.fromParquet(spark, userEmbeddings, itemEmbeddings, split);
    }

    String describe() {
        return model != null ? model.getFileName().toString() : userEmbeddings.getFileName().toString();
    }
}
