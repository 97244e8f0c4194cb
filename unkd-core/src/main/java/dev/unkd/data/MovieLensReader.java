package dev.unkd.data;

import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads MovieLens ratings (Harper and Konstan, ACM TiiS 2015) in any of its three layouts, told
 * apart by the first line: {@code ratings.dat} of ML-1M/10M ({@code user::item::rating::time}),
 * {@code u.data} of ML-100K (tab separated) and {@code ratings.csv} of the later releases
 * (comma separated, header {@code userId,movieId,rating,timestamp}).
 */
public final class MovieLensReader implements InteractionReader {
    private final Charset charset;

    /** A reader of UTF-8 files. */
    public MovieLensReader() {
        this(StandardCharsets.UTF_8);
    }

    /** A reader of files in the given (ASCII-compatible) charset, decoded strictly. */
    public MovieLensReader(Charset charset) {
        TextLines.checkAsciiCompatible(charset);
        this.charset = charset;
    }


    @Override
    public InteractionLog read(Path file) throws IOException {
        return new DelimitedReader(detectLayout(file, charset), charset).read(file);
    }

    /** The layout of a MovieLens ratings file, from its first non-blank line. */
    public static DelimitedFormat detectLayout(Path file) throws IOException {
        return detectLayout(file, StandardCharsets.UTF_8);
    }

    /** The layout of a MovieLens ratings file in the given charset, from its first non-blank line. */
    public static DelimitedFormat detectLayout(Path file, Charset charset) throws IOException {
        String first = null;
        long number = 0;
        try (TextLines in = TextInput.open(file, charset)) {
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (!line.isBlank()) {
                    first = line;
                    break;
                }
            }
        }
        if (first == null) {
            throw new DataFormatException(file, 0, "empty file, expected MovieLens ratings");
        }
        String columns = "user,item,rating,timestamp";
        if (first.contains("::")) {
            return DelimitedFormat.parse(columns, "::", false);
        }
        if (first.indexOf('\t') >= 0) {
            return DelimitedFormat.parse(columns, "tab", false);
        }
        if (first.indexOf(',') >= 0) {
            boolean header = !first.isEmpty() && !Character.isDigit(first.strip().charAt(0));
            return DelimitedFormat.parse(columns, ",", header);
        }
        throw new DataFormatException(file, number,
                "not a MovieLens ratings line (expected '::', tab or comma separated user, item, rating, timestamp): '"
                        + first + "'");
    }
}
