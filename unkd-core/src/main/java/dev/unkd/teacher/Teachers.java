package dev.unkd.teacher;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.Dataset;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.Embeddings;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.SavedModel;
import dev.unkd.model.SplitCheck;
import dev.unkd.model.Scorer;
import dev.unkd.model.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads teachers for a dataset: unkd model files, embedding matrices exported from any framework
 * ({@code .npy} or CSV/TSV, with optional id lists), or score files. Every loader checks that
 * the teacher covers the dataset's users and items and fails with a message naming the file
 * (and line) otherwise.
 */
public final class Teachers {
    private Teachers() {
    }

    /** A teacher trained by unkd: its final embeddings (propagated ones for graph models) and scorer. */
    public static Teacher fromModelFile(Path file, Dataset data) throws IOException {
        return fromModelFile(file, data, SplitCheck.SAME_SPLIT);
    }

    /** A teacher trained by unkd; {@code check} says whether another split of the data's ids is accepted (with a warning). */
    public static Teacher fromModelFile(Path file, Dataset data, SplitCheck check) throws IOException {
        SavedModel saved = ModelFile.load(file);
        TrainableModel model = Models.restore(saved, data, file, check);
        return new Teacher("model file " + file + " (" + saved.type() + ", dim " + model.dim() + ")", model.scorer(),
                Optional.of(model.forward()));
    }

    /** Embedding matrices whose rows follow the dataset's id order (see {@link EmbeddingFiles}). */
    public static Teacher fromEmbeddings(Path users, Path items, Dataset data) throws IOException {
        return fromEmbeddings(EmbeddingFiles.of(users, items), data);
    }

    /** A factor teacher from exported user and item embeddings: score(u, i) = &lt;p_u, q_i&gt;. */
    public static Teacher fromEmbeddings(EmbeddingFiles files, Dataset data) throws IOException {
        EmbeddingTable userRows = readMatrix(files.users());
        EmbeddingTable itemRows = readMatrix(files.items());
        if (userRows.dim() != itemRows.dim()) {
            throw new DataFormatException(files.items(), 0, "item embeddings have " + itemRows.dim() + " columns, user embeddings in "
                    + files.users() + " have " + userRows.dim());
        }
        Optional<List<String>> userIds = files.userIds().isPresent() ? Optional.of(IdListFile.read(files.userIds().get())) : Optional.empty();
        Optional<List<String>> itemIds = files.itemIds().isPresent() ? Optional.of(IdListFile.read(files.itemIds().get())) : Optional.empty();
        EmbeddingAlignment users = EmbeddingAlignment.align(userRows, files.users(), userIds, files.userIds(), data.users(), "user");
        EmbeddingAlignment items = EmbeddingAlignment.align(itemRows, files.items(), itemIds, files.itemIds(), data.items(), "item");
        if (users.missing().length > 0) {
            throw new DataFormatException(files.userIds().orElse(files.users()), 0, users.describeMissing(data.users(),
                    files.userIds().orElse(files.users()), "user"));
        }
        if (items.missing().length > 0 && files.missingItems() == MissingItems.ERROR) {
            throw new DataFormatException(files.itemIds().orElse(files.items()), 0, items.describeMissing(data.items(),
                    files.itemIds().orElse(files.items()), "item") + " (use the EXCLUDE policy to never rank them)");
        }
        Embeddings embeddings = new Embeddings(users.table(), items.table());
        Scorer scorer = embeddings.scorer();
        if (items.missing().length > 0) {
            scorer = new MaskedScorer(scorer, items.missing());
        }
        String source = "embeddings " + files.users() + ", " + files.items() + " (dim " + userRows.dim()
                + (users.ignoredRows() + items.ignoredRows() > 0 ? ", " + users.ignoredRows() + " user and " + items.ignoredRows()
                        + " item rows not in the dataset ignored" : "")
                + (items.missing().length > 0 ? ", " + items.missing().length + " items excluded" : "") + ")";
        return new Teacher(source, scorer, Optional.of(embeddings));
    }

    /** A teacher known only by its scores; unlisted pairs score -Infinity (never ranked). */
    public static Teacher fromScores(Path file, Dataset data) throws IOException {
        ScoreFile.Result result = ScoreFile.read(file, data.users(), data.items());
        return new Teacher("score file " + file + " (" + result.scorer().size() + " pairs"
                + (result.skippedLines() > 0 ? ", " + result.skippedLines() + " lines with ids not in the dataset skipped" : "") + ")",
                result.scorer(), Optional.empty());
    }

    /** Reads a matrix by extension: {@code .npy} as NumPy, anything else as delimited text. */
    public static EmbeddingTable readMatrix(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npy") ? NpyFile.read(file) : DelimitedMatrix.read(file);
    }
}
