package dev.unkd.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.unkd.io.AtomicFiles;
import dev.unkd.io.TextLines;

/**
 * A split on disk: {@code train.txt}, {@code valid.txt} and {@code test.txt}, one
 * {@code user<TAB>item} pair per line with external ids (the format of the authors' CiteULike
 * split). {@code valid.txt} may be absent (then empty).
 */
public final class SplitDirectory {
    public static final String TRAIN = "train.txt";
    public static final String VALID = "valid.txt";
    public static final String TEST = "test.txt";

    private SplitDirectory() {
    }

    public static boolean isSplitDirectory(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(TRAIN)) && Files.isRegularFile(dir.resolve(TEST));
    }

    /** Reads a split of UTF-8 files. */
    public static Dataset read(Path dir) throws IOException {
        return read(dir, StandardCharsets.UTF_8);
    }

    /** Reads a split whose files are in {@code charset}, decoded strictly (invalid bytes: an error naming file, line, offset). */
    public static Dataset read(Path dir, java.nio.charset.Charset charset) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, 0, "not a directory (expected train.txt, valid.txt, test.txt)");
        }
        List<String[]> train = readPairs(dir.resolve(TRAIN), true, charset);
        List<String[]> valid = readPairs(dir.resolve(VALID), false, charset);
        List<String[]> test = readPairs(dir.resolve(TEST), true, charset);
        if (train.isEmpty()) {
            throw new DataFormatException(dir.resolve(TRAIN), 0, "no interactions");
        }
        Set<String> users = new LinkedHashSet<>();
        Set<String> items = new LinkedHashSet<>();
        for (List<String[]> part : List.of(train, valid, test)) {
            for (String[] p : part) {
                users.add(p[0]);
                items.add(p[1]);
            }
        }
        IdMap userMap = IdMap.canonical(users);
        IdMap itemMap = IdMap.canonical(items);
        return new Dataset(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), userMap, itemMap,
                index(train, userMap, itemMap), index(valid, userMap, itemMap), index(test, userMap, itemMap));
    }

    private static Interactions index(List<String[]> pairs, IdMap users, IdMap items) {
        int[] u = new int[pairs.size()];
        int[] i = new int[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            u[k] = users.indexOf(pairs.get(k)[0]);
            i[k] = items.indexOf(pairs.get(k)[1]);
        }
        return Interactions.of(users.size(), items.size(), u, i);
    }

    /** Reads {@code user item} lines (whitespace separated; blank lines and # comments skipped). */
    public static List<String[]> readPairs(Path file, boolean required) throws IOException {
        return readPairs(file, required, StandardCharsets.UTF_8);
    }

    /** Reads {@code user item} lines in {@code charset}, decoded strictly. */
    public static List<String[]> readPairs(Path file, boolean required, java.nio.charset.Charset charset) throws IOException {
        List<String[]> pairs = new ArrayList<>();
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, "is a directory, expected a file");
        }
        try (TextLines in = TextLines.open(file, charset)) {
            String line;
            long ln = 0;
            while ((line = in.readLine()) != null) {
                ln++;
                String s = line.strip();
                if (s.isEmpty() || s.charAt(0) == '#') {
                    continue;
                }
                String[] f = s.split("\\s+");
                if (f.length < 2) {
                    throw new DataFormatException(file, ln, "expected 'user item', found one field '" + s + "'");
                }
                pairs.add(new String[] {f[0], f[1]});
            }
        } catch (NoSuchFileException e) {
            if (required) {
                throw new DataFormatException(file, 0, "file not found");
            }
        }
        return pairs;
    }

    /** Writes the three parts atomically (each to a temp file, then renamed), sorted by user then item. */
    public static void write(Dataset data, Path dir) throws IOException {
        Files.createDirectories(dir);
        writePart(data, data.train(), dir.resolve(TRAIN));
        writePart(data, data.valid(), dir.resolve(VALID));
        writePart(data, data.test(), dir.resolve(TEST));
    }

    private static void writePart(Dataset data, Interactions part, Path file) throws IOException {
        AtomicFiles.writeText(file, out -> {
            int[] cols = part.userItemArray();
            for (int u = 0; u < part.numUsers(); u++) {
                for (int k = part.userStart(u); k < part.userEnd(u); k++) {
                    out.write(data.users().id(u));
                    out.write('\t');
                    out.write(data.items().id(cols[k]));
                    out.write('\n');
                }
            }
        });
    }
}
