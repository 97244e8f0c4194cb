package dev.unkd.teacher;

import dev.unkd.data.DataFormatException;
import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * External ids of the rows of an embedding matrix, one per line in row order (blank lines
 * skipped; surrounding whitespace ignored). Duplicates are an error.
 */
public final class IdListFile {
    private IdListFile() {
    }

    public static List<String> read(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (TextLines in = TextLines.open(file)) {
            String line;
            long ln = 0;
            while ((line = in.readLine()) != null) {
                ln++;
                String id = line.strip();
                if (id.isEmpty()) {
                    continue;
                }
                Long before = seen.put(id, ln);
                if (before != null) {
                    throw new DataFormatException(file, ln, "duplicate id '" + id + "' (first on line " + before + ")");
                }
                ids.add(id);
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        }
        return ids;
    }
}
