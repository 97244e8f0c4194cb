package dev.unkd.teacher;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a teacher exported from another framework keeps its final embeddings: a user matrix and
 * an item matrix (one row per user / item; {@code .npy} or delimited text, chosen by the file
 * extension), optionally with id list files giving the external id of every row. Without an id
 * list, row r is the dataset's r-th id (its {@link dev.unkd.data.IdMap} order: for dense numeric
 * ids such as the authors' splits, id r) and the row count must equal the dataset's.
 *
 * @param missingItems what to do with dataset items the teacher has no row for
 *     ({@link MissingItems#ERROR}); dataset users without a row are always an error
 */
public record EmbeddingFiles(Path users, Path items, Optional<Path> userIds, Optional<Path> itemIds, MissingItems missingItems) {
    public EmbeddingFiles {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(userIds, "userIds");
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(missingItems, "missingItems");
    }

    /** Matrices whose rows follow the dataset's id order. */
    public static EmbeddingFiles of(Path users, Path items) {
        return new EmbeddingFiles(users, items, Optional.empty(), Optional.empty(), MissingItems.ERROR);
    }

    public EmbeddingFiles withIds(Path userIdFile, Path itemIdFile) {
        return new EmbeddingFiles(users, items, Optional.of(userIdFile), Optional.of(itemIdFile), missingItems);
    }

    public EmbeddingFiles withMissingItems(MissingItems policy) {
        return new EmbeddingFiles(users, items, userIds, itemIds, policy);
    }
}
