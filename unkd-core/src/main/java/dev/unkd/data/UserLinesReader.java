package dev.unkd.data;

import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads one user per line: {@code user item item ...}, separated by spaces or tabs, items in the
 * order the user met them. That order becomes the timestamp (the running row number), so a
 * "latest item" hold-out picks the last item of a line. Blank lines and {@code #} comments are
 * skipped; a user may span several lines.
 */
public final class UserLinesReader implements InteractionReader {
    private final Charset charset;

    /** A reader of UTF-8 files. */
    public UserLinesReader() {
        this(StandardCharsets.UTF_8);
    }

    /** A reader of files in the given (ASCII-compatible) charset, decoded strictly. */
    public UserLinesReader(Charset charset) {
        TextLines.checkAsciiCompatible(charset);
        this.charset = charset;
    }

    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    @Override
    public InteractionLog read(Path file) throws IOException {
        InteractionLog.Builder log = new InteractionLog.Builder();
        try (TextLines in = TextInput.open(file, charset)) {
            String line;
            while ((line = in.readLine()) != null) {
                String s = line.strip();
                if (s.isEmpty() || s.charAt(0) == '#') {
                    continue;
                }
                String[] f = WHITESPACE_RUN.split(s);
                for (int k = 1; k < f.length; k++) {
                    log.add(f[0], f[k], Float.NaN, log.size());
                }
            }
        }
        return log.build(file.toString());
    }
}
