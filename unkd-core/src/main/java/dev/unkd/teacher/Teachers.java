package dev.unkd.teacher;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.Dataset;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.Embeddings;
import dev.unkd.model.ModelCheckpoints;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.SavedModel;
import dev.unkd.model.SplitCheck;
import dev.unkd.model.Scorer;
import dev.unkd.model.TrainableModel;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** A teacher trained by unkd with its training trajectory in the default directory ({@code t.unkd} -> {@code t.checkpoints}). */
    public static Teacher trajectory(Path file, Dataset data, SplitCheck check) throws IOException {
        return trajectory(file, ModelCheckpoints.directoryFor(file), data, check);
    }

    /**
     * A teacher trained by unkd with its training trajectory (for HetComp): the checkpoints in
     * {@code checkpointDirectory} ({@link ModelCheckpoints}, written by {@code unkd train --checkpoints})
     * from before the model's kept epoch, in epoch order, then the model itself. Fails naming the
     * directory ({@link IllegalArgumentException}) when it is missing or holds no such checkpoint, and naming the file when a
     * checkpoint comes from another training run (its provenance differs beyond the epoch).
     */
    public static Teacher trajectory(Path file, Path checkpointDirectory, Dataset data, SplitCheck check) throws IOException {
        SavedModel saved = ModelFile.load(file);
        TrainableModel model = Models.restore(saved, data, file, check);
        int kept = saved.provenance().get("bestEpoch") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
        List<ModelCheckpoints.Checkpoint> all;
        try {
            all = ModelCheckpoints.list(checkpointDirectory);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no checkpoint directory " + checkpointDirectory + " for teacher " + file + " (HetComp needs"
                    + " its training trajectory: train it with 'unkd train --checkpoints E1,E2,...', or give the directory that holds them)", e);
        }
        List<ModelCheckpoints.Checkpoint> before = all.stream().filter(c -> c.epoch() < kept).toList();
        if (before.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint of teacher " + file + " from before its kept epoch "
                    + (kept == Integer.MAX_VALUE ? "(unknown)" : kept) + " in " + checkpointDirectory + " (found "
                    + (all.isEmpty() ? "none" : "epochs " + all.stream().map(c -> String.valueOf(c.epoch())).collect(Collectors.joining(", ")))
                    + "); HetComp needs at least one earlier checkpoint");
        }
        Map<String, Object> runOf = withoutEpochs(saved.provenance());
        List<Scorer> stages = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        for (ModelCheckpoints.Checkpoint c : before) {
            SavedModel cs = ModelFile.load(c.file());
            Map<String, Object> run = withoutEpochs(cs.provenance());
            if (!run.equals(runOf)) {
                throw new IllegalArgumentException("checkpoint " + c.file() + " was written by another training run than teacher " + file
                        + " (their provenance differs: " + differences(run, runOf) + ")");
            }
            stages.add(Models.restore(cs, data, c.file(), check).scorer());
            epochs.add(c.epoch());
        }
        stages.add(model.scorer());
        epochs.add(kept == Integer.MAX_VALUE ? 0 : kept);
        String source = "model file " + file + " (" + saved.type() + ", dim " + model.dim() + ") with checkpoints " + checkpointDirectory
                + " at epochs " + epochs.subList(0, epochs.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "));
        TeacherTrajectory trajectory = new TeacherTrajectory(source, epochs, stages);
        return new Teacher(source, model.scorer(), Optional.of(model.forward()), List.of(trajectory));
    }

    /**
     * Several teachers with trajectories as one teacher for HetComp: all their trajectories; the
     * first one's final model stands for the ensemble where one scorer is needed.
     */
    public static Teacher ensemble(List<Teacher> teachers) {
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one teacher");
        }
        if (teachers.size() == 1) {
            return teachers.get(0);
        }
        List<TeacherTrajectory> all = new ArrayList<>();
        teachers.forEach(t -> all.addAll(t.trajectories()));
        Teacher first = teachers.get(0);
        String source = "ensemble of " + teachers.stream().map(Teacher::source).collect(Collectors.joining("; "));
        return new Teacher(source, first.scorer(), first.embeddings(), all);
    }

    private static Map<String, Object> withoutEpochs(Map<String, Object> provenance) {
        Map<String, Object> p = new TreeMap<>(provenance);
        p.remove("bestEpoch");
        p.remove("checkpointEpoch");
        return p;
    }

    private static String differences(Map<String, Object> a, Map<String, Object> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(a.get(k), b.get(k)))
                .map(k -> k + " " + a.get(k) + " vs " + b.get(k)).collect(Collectors.joining(", "));
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
