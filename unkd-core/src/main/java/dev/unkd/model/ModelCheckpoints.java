package dev.unkd.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a training run's checkpoints live and what they are called: model files
 * {@code epoch-<E>.unkd} in a checkpoint directory, by default {@code <name>.checkpoints} next to
 * the run's model file {@code <name>.unkd}. The trainer's checkpoint writer and the loader of a
 * teacher's trajectory both go through here.
 */
public final class ModelCheckpoints {
    private static final Pattern FILE = Pattern.compile("epoch-(\\d+)\\.unkd");

    private ModelCheckpoints() {
    }

    /** One checkpoint file and its epoch. */
    public record Checkpoint(int epoch, Path file) {
    }

    /** The default checkpoint directory of a model file: {@code t.unkd} -> {@code t.checkpoints}. */
    public static Path directoryFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String stem = name.endsWith(".unkd") ? name.substring(0, name.length() - ".unkd".length()) : name;
        Path parent = modelFile.toAbsolutePath().getParent();
        return parent.resolve(stem + ".checkpoints");
    }

    /** The file of the checkpoint after {@code epoch} epochs. */
    public static Path file(Path directory, int epoch) {
        return directory.resolve("epoch-" + epoch + ".unkd");
    }

    /**
     * The checkpoints in a directory, by epoch ascending (other files are ignored); a missing
     * directory is a {@link NoSuchFileException} naming it.
     */
    public static List<Checkpoint> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "no checkpoint directory");
        }
        List<Checkpoint> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f)) {
                    found.add(new Checkpoint(Integer.parseInt(m.group(1)), f));
                }
            }
        }
        found.sort(Comparator.comparingInt(Checkpoint::epoch));
        return found;
    }
}
