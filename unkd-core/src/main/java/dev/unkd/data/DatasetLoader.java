package dev.unkd.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point from a path to a {@link Dataset}: read (format given or detected), apply
 * the rating threshold, drop duplicate pairs, filter, split.
 *
 * <p>Detection: a directory holding {@code train.txt} and {@code test.txt} is an existing split
 * and is read as is ({@link SplitDirectory}; threshold, filters and splitter do not apply); a
 * directory holding {@code users.dat}, {@code ratings.csv}, {@code ratings.dat} or {@code u.data}
 * stands for that file; a file's format follows {@link DataFormat#detect}.
 */
public final class DatasetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);
    private static final List<String> KNOWN_FILES = List.of("users.dat", "ratings.csv", "ratings.dat", "u.data");

    private DatasetLoader() {
    }

    /** Reads, filters and splits the data at {@code path}. */
    public static Dataset load(Path path, LoadOptions options) throws IOException {
        if (options.format().isEmpty() && SplitDirectory.isSplitDirectory(path)) {
            if (!options.filter().isNone() || options.minRating() > Double.NEGATIVE_INFINITY) {
                LOG.warn("{} is an existing split: rating threshold and filters are not applied", path);
            }
            return SplitDirectory.read(path, options.charset());
        }
        InteractionLog log = readLog(path, options);
        Dataset split = options.splitter().split(log, options.seed());
        return new Dataset(name(path), split.users(), split.items(), split.train(), split.valid(), split.test());
    }

    /** Reads the data at {@code path} with threshold, deduplication and filters applied, not split. */
    public static InteractionLog readLog(Path path, LoadOptions options) throws IOException {
        Path file = dataFile(path);
        DataFormat format = options.format().orElseGet(() -> DataFormat.detect(file));
        InteractionLog raw = format.reader(options.delimited(), options.json(), options.charset()).read(file);
        if (raw.size() == 0) {
            throw new DataFormatException(file, 0, "no interactions in file (read as " + format.formatName() + ")");
        }
        InteractionLog log = raw.withMinRating(options.minRating());
        if (log.size() == 0) {
            throw new DataFormatException(file, 0, "no interactions rated at least " + options.minRating());
        }
        return KCoreFilter.apply(log.dedupe(), options.filter());
    }

    /** The file a path stands for: the path itself, or the known data file inside a directory. */
    static Path dataFile(Path path) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        for (String name : KNOWN_FILES) {
            Path f = path.resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new DataFormatException(path, 0, "directory holds no split (train.txt, test.txt) and no known data file "
                + KNOWN_FILES);
    }

    /** The dataset's name: a directory's name, or a file name without extensions, or the directory for a conventional file name. */
    static String name(Path path) {
        Path file = path.toAbsolutePath().normalize();
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String base = fileName.toLowerCase(Locale.ROOT).endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        if ((Files.isDirectory(file) || KNOWN_FILES.contains(base.toLowerCase(Locale.ROOT))) && file.getParent() != null) {
            Path dir = Files.isDirectory(file) ? file : file.getParent();
            return dir.getFileName() == null ? base : dir.getFileName().toString();
        }
        int dot = base.indexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
