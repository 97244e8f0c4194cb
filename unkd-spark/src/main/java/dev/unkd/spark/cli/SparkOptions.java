package dev.unkd.spark.cli;

import dev.unkd.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Where the job runs and how finely the users are partitioned. */
public final class SparkOptions {
    @Option(names = "--master", description = "Spark master URL (default: ${DEFAULT-VALUE}); any URL spark-submit accepts.")
    String master = "local[*]";

    @Option(names = "--partitions", description = "Partitions of the users (default: ${DEFAULT-VALUE}; raise with data and executors).")
    int partitions = 8;

    SparkSession start(String job) {
        if (partitions < 1) {
            throw new IllegalArgumentException("Invalid number of partitions: " + partitions);
        }
        return SparkSessions.start(master, "unkd " + job);
    }
}
