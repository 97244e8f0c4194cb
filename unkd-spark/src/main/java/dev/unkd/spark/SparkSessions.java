package dev.unkd.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session of a job. Defaults suit one machine (no web UI, few shuffle
 * partitions, driver bound to the loopback address); any master URL is accepted.
 */
public final class SparkSessions {
    /** Shuffle partitions for the small aggregations of these jobs (counts per item, per user). */
    static final int DEFAULT_SHUFFLE_PARTITIONS = 8;

    private SparkSessions() {
    }

    /**
     * The running session when there is one (a job called from an application or a test keeps
     * that session's settings), else a new one on {@code master}.
     */
    public static SparkSession start(String master, String appName) {
        scala.Option<SparkSession> active = SparkSession.getDefaultSession();
        if (active.isDefined()) {
            return active.get();
        }
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (master != null && !master.isBlank()) {
            builder.master(master);
        }
        return builder
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", Integer.toString(DEFAULT_SHUFFLE_PARTITIONS))
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
