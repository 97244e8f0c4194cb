package dev.unkd.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads interactions with external string ids as a table (user string, item string). Parquet
 * (a file or a directory of part files) and CSV with a header need columns {@code user} and
 * {@code item} (others such as rating and timestamp are ignored); {@code .txt} files are the
 * split format of {@link dev.unkd.data.SplitDirectory}: {@code user item} per line, tab
 * separated, no header.
 */
public final class InteractionTables {
    public static final String USER = "user";
    public static final String ITEM = "item";

    private InteractionTables() {
    }

    public static Dataset<Row> read(SparkSession spark, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": file not found");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Dataset<Row> raw;
        if (name.endsWith(".txt") || name.endsWith(".tsv")) {
            raw = spark.read().option("sep", "\t").option("comment", "#").csv(path.toString());
            if (raw.columns().length < 2) {
                throw new IllegalArgumentException(path + ": expected 'user<TAB>item' lines, found " + raw.columns().length + " column(s)");
            }
            raw = raw.withColumnRenamed("_c0", USER).withColumnRenamed("_c1", ITEM);
        } else if (name.endsWith(".csv")) {
            raw = spark.read().option("header", "true").csv(path.toString());
        } else {
            raw = spark.read().parquet(path.toString());
        }
        return select(raw, path);
    }

    /** Keeps user and item as trimmed strings; fails naming the columns found when one is missing. */
    static Dataset<Row> select(Dataset<Row> raw, Path source) {
        List<String> columns = Arrays.asList(raw.columns());
        for (String needed : List.of(USER, ITEM)) {
            if (!columns.contains(needed)) {
                throw new IllegalArgumentException(source + ": missing column '" + needed + "' (has " + columns + ")");
            }
        }
        return raw.select(functions.trim(raw.col(USER).cast("string")).as(USER), functions.trim(raw.col(ITEM).cast("string")).as(ITEM))
                .where(functions.col(USER).isNotNull().and(functions.col(ITEM).isNotNull()));
    }
}
