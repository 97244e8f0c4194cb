package dev.unkd.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/** One local Spark session for all tests of the module (starting one costs seconds). */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.start("local[2]", "unkd-spark-test");
            session.sparkContext().setLogLevel("WARN");
            session.conf().set("spark.sql.shuffle.partitions", "2"); // tiny data: fewer, cheaper tasks
        }
        return session;
    }

    /** ../shared/data/NAME: skipped when absent unless -Dunkd.requireSharedData=true. */
    static Path sharedData(String name) {
        Path dir = Path.of(System.getProperty("unkd.sharedData", "../../shared/data")).resolve(name);
        if (Boolean.getBoolean("unkd.requireSharedData")) {
            if (!Files.isDirectory(dir)) {
                throw new AssertionError("shared data required but missing: " + dir.toAbsolutePath());
            }
        } else {
            Assumptions.assumeTrue(Files.isDirectory(dir), "shared data not present: " + dir.toAbsolutePath());
        }
        return dir;
    }
}
