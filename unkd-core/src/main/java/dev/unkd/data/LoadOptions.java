package dev.unkd.data;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link DatasetLoader} reads, filters and splits a dataset.
 *
 * @param format    the file format, or empty to detect it from the path
 * @param delimited the column layout for {@link DataFormat#CSV}
 * @param json      the field names for {@link DataFormat#JSONL}
 * @param minRating keep rows rated at least this (rows without rating are kept);
 *                  {@code -Infinity} keeps all
 * @param filter    user and item filters, applied after the rating threshold and deduplication
 * @param splitter  how to split the filtered log
 * @param seed      the splitter's seed
 * @param charset   the text files' charset (ASCII-compatible; decoded strictly: invalid bytes are an error)
 */
public record LoadOptions(Optional<DataFormat> format, DelimitedFormat delimited, JsonFields json, double minRating,
        FilterOptions filter, Splitter splitter, long seed,
        java.nio.charset.Charset charset) {

    /** CSV default: {@code user,item}, comma separated, with a header line. */
    public static final DelimitedFormat DEFAULT_CSV = DelimitedFormat.parse("user,item", ",", true);

    public LoadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(delimited, "delimited");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(splitter, "splitter");
        Objects.requireNonNull(charset, "charset");
        dev.unkd.io.TextLines.checkAsciiCompatible(charset);
        if (Double.isNaN(minRating)) {
            throw new IllegalArgumentException("Invalid minimum rating: " + minRating);
        }
    }

    /**
     * Detected format, CSV {@code user,item} with header, Amazon JSON fields, no rating
     * threshold, no filter, the paper's split (20% hold-out, 20% validation users), seed 2022, UTF-8.
     */
    public static LoadOptions defaults() {
        return new LoadOptions(Optional.empty(), DEFAULT_CSV, JsonFields.AMAZON, Double.NEGATIVE_INFINITY, FilterOptions.NONE,
                PaperSplitter.CITEULIKE, 2022,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    public LoadOptions withFormat(DataFormat f) {
        return new LoadOptions(Optional.of(f), delimited, json, minRating, filter, splitter, seed, charset);
    }

    public LoadOptions withDelimited(DelimitedFormat d) {
        return new LoadOptions(format, d, json, minRating, filter, splitter, seed, charset);
    }

    public LoadOptions withJson(JsonFields j) {
        return new LoadOptions(format, delimited, j, minRating, filter, splitter, seed, charset);
    }

    public LoadOptions withMinRating(double r) {
        return new LoadOptions(format, delimited, json, r, filter, splitter, seed, charset);
    }

    public LoadOptions withFilter(FilterOptions f) {
        return new LoadOptions(format, delimited, json, minRating, f, splitter, seed, charset);
    }

    public LoadOptions withSplitter(Splitter s) {
        return new LoadOptions(format, delimited, json, minRating, filter, s, seed, charset);
    }

    public LoadOptions withSeed(long s) {
        return new LoadOptions(format, delimited, json, minRating, filter, splitter, s, charset);
    }

    /** The same options reading text in another charset, e.g. ISO-8859-1. */
    public LoadOptions withCharset(java.nio.charset.Charset c) {
        return new LoadOptions(format, delimited, json, minRating, filter, splitter, seed, c);
    }
}
