package dev.unkd.serve;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.IdMap;
import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file of external user ids, one per line (blank lines and # comments skipped), resolved to
 * dense indices in file order. An id the model does not know is an error naming the file and
 * line, or is skipped and counted when the caller allows it.
 */
public record UserList(int[] users, int skipped) {
    public static UserList read(Path file, IdMap ids, boolean skipUnknown) throws IOException {
        int[] out = new int[64];
        int n = 0;
        int skipped = 0;
        try (TextLines in = TextLines.open(file)) { // strict UTF-8: a bad byte names file, line and offset
            String line;
            while ((line = in.readLine()) != null) {
                long ln = in.lineNumber();
                String id = line.strip();
                if (id.isEmpty() || id.charAt(0) == '#') {
                    continue;
                }
                int u = ids.indexOf(id);
                if (u < 0) {
                    if (skipUnknown) {
                        skipped++;
                        continue;
                    }
                    throw new DataFormatException(file, ln, "unknown user '" + id + "' (not in the model's data; --skip-unknown ignores such lines)");
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = u;
            }
        }
        return new UserList(Arrays.copyOf(out, n), skipped);
    }

    /** Every user of the id map, in index order. */
    public static UserList all(IdMap ids) {
        return new UserList(java.util.stream.IntStream.range(0, ids.size()).toArray(), 0);
    }
}
