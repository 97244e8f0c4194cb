package dev.unkd.data;

import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads a CiteULike {@code users.dat} (Wang, Chen and Li, IJCAI 2013; the file UnKD's CiteULike
 * experiments start from): line n (0-based) is user {@code "n"} and holds {@code count item item ...}
 * with numeric item ids. The count must equal the number of items; a blank line is a user without
 * items, who then does not appear in the log.
 */
public final class CiteULikeReader implements InteractionReader {
    private final Charset charset;

    /** A reader of UTF-8 files. */
    public CiteULikeReader() {
        this(StandardCharsets.UTF_8);
    }

    /** A reader of files in the given (ASCII-compatible) charset, decoded strictly. */
    public CiteULikeReader(Charset charset) {
        TextLines.checkAsciiCompatible(charset);
        this.charset = charset;
    }

    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    @Override
    public InteractionLog read(Path file) throws IOException {
        InteractionLog.Builder log = new InteractionLog.Builder();
        try (TextLines in = TextInput.open(file, charset)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                SourceLine at = new SourceLine(file, number);
                String[] f = WHITESPACE_RUN.split(s);
                int count = at.nonNegativeInt(f[0], "item count");
                if (count != f.length - 1) {
                    throw at.error("item count " + count + " does not match the " + (f.length - 1) + " items on the line");
                }
                String user = Long.toString(number - 1);
                for (int k = 1; k < f.length; k++) {
                    // normalised, so "007" and "7" are the same item
                    log.add(user, Integer.toString(at.nonNegativeInt(f[k], "item id")));
                }
            }
        }
        return log.build(file.toString());
    }
}
