package dev.unkd.cli;

import dev.unkd.model.SplitCheck;
import dev.unkd.data.Dataset;
import dev.unkd.teacher.EmbeddingFiles;
import dev.unkd.teacher.MissingItems;
import dev.unkd.teacher.Teacher;
import dev.unkd.teacher.Teachers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the teacher comes from: a unkd model file, exported embeddings, or a score file (optional: distill --pairs needs none). */
final class TeacherOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = "--teacher", description = "A unkd model file (MF or LightGCN) trained on this data; hetcomp takes several"
                + " (repeat the option), each with its checkpoints.")
        List<Path> models;

        @Option(names = "--teacher-embeddings", split = ",", arity = "1", paramLabel = "USERS,ITEMS",
                description = "User and item embedding matrices (.npy float32/float64, or CSV/TSV rows), from any framework.")
        List<Path> embeddings;

        @Option(names = "--teacher-scores", description = "A score file: 'user item score' lines with external ids (e.g. each user's top items); enough for unkd and cd.")
        Path scores;
    }

    @Option(names = "--teacher-ids", split = ",", paramLabel = "USER_IDS,ITEM_IDS",
            description = "Id lists (one external id per line) giving the rows of --teacher-embeddings; default: rows follow the data's id order.")
    List<Path> ids;

    @Option(names = "--missing-items", description = "Items of the data absent from the teacher's id list: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    MissingItems missingItems = MissingItems.ERROR;

    @Option(names = "--allow-other-split", description = "Use a --teacher model file trained on another split of these ids (warns).")
    boolean allowOtherSplit;

    boolean given() {
        return source != null;
    }

    private SplitCheck splitCheck() {
        return allowOtherSplit ? SplitCheck.ALLOW_OTHER_SPLIT : SplitCheck.SAME_SPLIT;
    }

    /**
     * The --teacher model files with their training trajectories (HetComp): each one's checkpoints
     * from {@code checkpointDirs} (one per teacher, in order) or from its default directory.
     */
    Teacher loadTrajectories(Dataset data, List<Path> checkpointDirs) throws IOException {
        if (source == null || source.models == null) {
            throw new IllegalArgumentException("hetcomp distils from training trajectories: give --teacher model files trained with"
                    + " 'unkd train --checkpoints ...' (" + (source != null && source.scores != null ? "a score file has" : "embedding matrices have")
                    + " no trajectory)");
        }
        if (checkpointDirs != null && checkpointDirs.size() != source.models.size()) {
            throw new IllegalArgumentException("--hetcomp-checkpoints gives " + checkpointDirs.size() + " directories for "
                    + source.models.size() + " --teacher files (one per teacher, in the same order)");
        }
        List<Teacher> teachers = new java.util.ArrayList<>();
        for (int x = 0; x < source.models.size(); x++) {
            Path file = source.models.get(x);
            teachers.add(checkpointDirs == null ? Teachers.trajectory(file, data, splitCheck())
                    : Teachers.trajectory(file, checkpointDirs.get(x), data, splitCheck()));
        }
        return Teachers.ensemble(teachers);
    }

    Teacher load(Dataset data) throws IOException {
        if (source == null) {
            throw new IllegalStateException("no teacher option given");
        }
        if (source.models != null) {
            if (source.models.size() > 1) {
                throw new IllegalArgumentException("several --teacher files (" + source.models.size() + ") work with --method hetcomp only");
            }
            return Teachers.fromModelFile(source.models.get(0), data, splitCheck());
        }
        if (source.scores != null) {
            return Teachers.fromScores(source.scores, data);
        }
        if (source.embeddings.size() != 2) {
            throw new IllegalArgumentException("--teacher-embeddings needs two files, USERS,ITEMS (got " + source.embeddings.size() + ")");
        }
        EmbeddingFiles files = EmbeddingFiles.of(source.embeddings.get(0), source.embeddings.get(1)).withMissingItems(missingItems);
        if (ids != null) {
            if (ids.size() != 2) {
                throw new IllegalArgumentException("--teacher-ids needs two files, USER_IDS,ITEM_IDS (got " + ids.size() + ")");
            }
            files = files.withIds(ids.get(0), ids.get(1));
        }
        return Teachers.fromEmbeddings(files, data);
    }
}
