package dev.unkd.spark;

import org.apache.spark.sql.SparkSession;

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
}
