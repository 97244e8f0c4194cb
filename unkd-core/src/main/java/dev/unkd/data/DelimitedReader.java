package dev.unkd.data;

import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.unkd.data.DelimitedFormat.Column;

/**
 * Reads delimited text (CSV, TSV, pair files, ...) laid out as a {@link DelimitedFormat}. Blank
 * lines and lines starting with {@code #} are skipped. With a one-character delimiter, fields may
 * be double-quoted ({@code "a,b"}, {@code ""} for a quote); quoted fields cannot span lines.
 * Gzipped files are read transparently.
 */
public final class DelimitedReader implements InteractionReader {
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private final DelimitedFormat format;
    private final int userCol;
    private final int itemCol;
    private final int ratingCol;
    private final int timeCol;
    private final int required;
    private final Charset charset;

    /** A reader of UTF-8 files in the given layout. */
    public DelimitedReader(DelimitedFormat format) {
        this(format, StandardCharsets.UTF_8);
    }

    /** A reader of files in the given layout and (ASCII-compatible) charset, decoded strictly. */
    public DelimitedReader(DelimitedFormat format, Charset charset) {
        this.format = Objects.requireNonNull(format);
        TextLines.checkAsciiCompatible(charset);
        this.charset = charset;
        this.userCol = format.indexOf(Column.USER);
        this.itemCol = format.indexOf(Column.ITEM);
        this.ratingCol = format.indexOf(Column.RATING);
        this.timeCol = format.indexOf(Column.TIMESTAMP);
        this.required = format.requiredFields();
    }

    public DelimitedFormat format() {
        return format;
    }

    @Override
    public InteractionLog read(Path file) throws IOException {
        InteractionLog.Builder log = new InteractionLog.Builder();
        boolean headerPending = format.header();
        try (TextLines in = TextInput.open(file, charset)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (isBlankOrComment(line)) {
                    continue;
                }
                if (headerPending) {
                    headerPending = false;
                    continue;
                }
                SourceLine at = new SourceLine(file, number);
                List<String> f = split(line, at);
                if (f.size() < required) {
                    throw at.error("expected at least " + required + " fields (" + format.columns() + "), found "
                            + f.size() + " in '" + line + "'");
                }
                String user = id(f.get(userCol), "user", at);
                String item = id(f.get(itemCol), "item", at);
                float rating = ratingCol < 0 ? Float.NaN : at.rating(f.get(ratingCol));
                long time = timeCol < 0 ? InteractionLog.NO_TIMESTAMP : at.timestamp(f.get(timeCol));
                log.add(user, item, rating, time);
            }
        }
        return log.build(file.toString());
    }

    private static boolean isBlankOrComment(String line) {
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (!Character.isWhitespace(c)) {
                return c == '#';
            }
        }
        return true;
    }

    private static String id(String field, String what, SourceLine at) {
        String id = field.strip();
        if (id.isEmpty()) {
            throw at.error("empty " + what + " id");
        }
        return id;
    }

    private List<String> split(String line, SourceLine at) {
        String d = format.delimiter();
        if (DelimitedFormat.WHITESPACE.equals(d)) {
            return List.of(WHITESPACE_RUN.split(line.strip()));
        }
        if (d.length() == 1 && line.indexOf('"') >= 0) {
            return splitQuoted(line, d.charAt(0), at);
        }
        List<String> out = new ArrayList<>(required + 2);
        int from = 0;
        for (int to; (to = line.indexOf(d, from)) >= 0; from = to + d.length()) {
            out.add(line.substring(from, to));
        }
        out.add(line.substring(from));
        return out;
    }

    /** RFC 4180 style fields on one line: a field starting with a quote runs to the closing quote. */
    private static List<String> splitQuoted(String line, char delimiter, SourceLine at) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int k = 0;
        while (true) {
            field.setLength(0);
            if (k < line.length() && line.charAt(k) == '"') {
                k++;
                while (true) {
                    if (k >= line.length()) {
                        throw at.error("unterminated quoted field");
                    }
                    char c = line.charAt(k++);
                    if (c == '"') {
                        if (k < line.length() && line.charAt(k) == '"') {
                            field.append('"');
                            k++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (k < line.length() && line.charAt(k) != delimiter) {
                    throw at.error("unexpected character after closing quote at column " + (k + 1));
                }
            } else {
                while (k < line.length() && line.charAt(k) != delimiter) {
                    field.append(line.charAt(k++));
                }
            }
            out.add(field.toString());
            if (k >= line.length()) {
                return out;
            }
            k++; // the delimiter
        }
    }
}
