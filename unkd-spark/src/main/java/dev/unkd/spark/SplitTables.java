package dev.unkd.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A split on disk as string-id tables: {@code train}, optional {@code valid}, {@code test}, each
 * as {@code NAME.txt} (the core's split directory, e.g. the authors' CiteULike split),
 * {@code NAME.parquet} or {@code NAME.csv} inside one directory.
 */
public record SplitTables(Dataset<Row> train, Optional<Dataset<Row>> valid, Dataset<Row> test) {
    private static final List<String> EXTENSIONS = List.of(".txt", ".parquet", ".csv");

    public static SplitTables read(SparkSession spark, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory (expected train and test as .txt, .parquet or .csv)");
        }
        Dataset<Row> train = InteractionTables.read(spark, find(dir, "train").orElseThrow(() -> missing(dir, "train")));
        Optional<Dataset<Row>> valid = find(dir, "valid").map(p -> InteractionTables.read(spark, p));
        Dataset<Row> test = InteractionTables.read(spark, find(dir, "test").orElseThrow(() -> missing(dir, "test")));
        return new SplitTables(train, valid, test);
    }

    private static Optional<Path> find(Path dir, String part) {
        return EXTENSIONS.stream().map(ext -> dir.resolve(part + ext)).filter(Files::exists).findFirst();
    }

    private static IllegalArgumentException missing(Path dir, String part) {
        return new IllegalArgumentException(dir + ": no " + part + ".txt, " + part + ".parquet or " + part + ".csv");
    }

    /** The parts in the order the core reads them (train, valid, test): it fixes first-appearance id order. */
    List<Dataset<Row>> inReadOrder() {
        return valid.isPresent() ? List.of(train, valid.get(), test) : List.of(train, test);
    }
}
