package dev.unkd.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The interaction file formats, by the names the command line uses. */
public enum DataFormat {
    /** CiteULike {@code users.dat}: {@code count item item ...}, line number = user. */
    CITEULIKE("citeulike"),
    /** {@code user item} per line, whitespace separated. */
    PAIRS("pairs"),
    /** {@code user item item ...} per line. */
    USERLINES("userlines"),
    /** MovieLens {@code ratings.dat}, {@code u.data} or {@code ratings.csv}. */
    MOVIELENS("movielens"),
    /** JSON lines, plain or gzipped (Amazon review field names by default). */
    JSONL("jsonl"),
    /** Generic delimited text with a column layout. */
    CSV("csv");

    private final String formatName;

    DataFormat(String formatName) {
        this.formatName = formatName;
    }

    /** The command-line name, e.g. {@code citeulike}. */
    public String formatName() {
        return formatName;
    }

    /** All command-line names, separated by {@code |}. */
    public static String names() {
        return Arrays.stream(values()).map(DataFormat::formatName).collect(Collectors.joining("|"));
    }

    /** The format of a command-line name (case-insensitive). */
    public static DataFormat parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (DataFormat f : values()) {
            if (f.formatName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Invalid data format: '" + name + "' (expected " + names() + ")");
    }

    /**
     * Guesses the format of a file from its name: {@code users.dat} is CiteULike;
     * {@code ratings.csv}, {@code ratings.dat}, {@code u.data} are MovieLens; {@code .jsonl},
     * {@code .json}, {@code .ndjson} (each optionally {@code .gz}) are JSON lines; {@code .csv} and
     * {@code .tsv} are {@link #CSV} (the layout comes from the caller); anything else is pairs.
     */
    public static DataFormat detect(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.equals("users.dat")) {
            return CITEULIKE;
        }
        if (base.equals("u.data") || base.equals("ratings.dat") || base.equals("ratings.csv")) {
            return MOVIELENS;
        }
        if (base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson")) {
            return JSONL;
        }
        if (base.endsWith(".csv") || base.endsWith(".tsv")) {
            return CSV;
        }
        return PAIRS;
    }

    /**
     * A reader for this format; {@code delimited} is used by {@link #CSV}, {@code json} by
     * {@link #JSONL}, the other formats need no settings.
     */
    public InteractionReader reader(DelimitedFormat delimited, JsonFields json) {
        return reader(delimited, json, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A reader for this format that decodes files strictly in {@code charset} (see {@link #reader(DelimitedFormat, JsonFields)}). */
    public InteractionReader reader(DelimitedFormat delimited, JsonFields json, java.nio.charset.Charset charset) {
        return switch (this) {
            case CITEULIKE -> new CiteULikeReader(charset);
            case PAIRS -> new DelimitedReader(DelimitedFormat.PAIRS, charset);
            case USERLINES -> new UserLinesReader(charset);
            case MOVIELENS -> new MovieLensReader(charset);
            case JSONL -> new JsonLinesReader(json, charset);
            case CSV -> new DelimitedReader(delimited, charset);
        };
    }
}
