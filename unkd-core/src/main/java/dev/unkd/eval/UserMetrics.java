package dev.unkd.eval;

import java.util.Collections;
import java.util.List;

/**
 * Per-user values of every metric that is a mean over users ({@link MeanOverUsers}: recall, NDCG,
 * aplt, popLift, ipsRecall, ...) from one full-ranking evaluation, for paired tests and
 * distributions: row b is user {@link #user(int) user(b)} (dense index, ascending), column j the
 * metric {@code keys().get(j)}. A value is NaN where the metric is undefined for the user
 * (popLift without training items, per-half recall without held-out items in the half).
 * The mean of a column over its defined values (or over all users, counting NaN as 0, for the
 * metrics divided by all users) is the reported value up to rounding; under
 * {@link UserAveraging#ALL_USERS} the accuracy means are that times users / averaged users.
 */
public final class UserMetrics {
    private final int[] users;
    private final List<MetricKey> keys;
    private final double[][] values;

    UserMetrics(int[] users, List<MetricKey> keys, double[][] values) {
        this.users = users;
        this.keys = List.copyOf(keys);
        this.values = values;
    }

    /** Number of users (rows). */
    public int size() {
        return users.length;
    }

    /** The dense index of row b's user. */
    public int user(int b) {
        return users[b];
    }

    /** The metrics (columns), in report order. */
    public List<MetricKey> keys() {
        return Collections.unmodifiableList(keys);
    }

    /** Row b's value of column j. */
    public double value(int j, int b) {
        return values[j][b];
    }

    /** One metric's values over users (a copy), or an exception naming the metrics present. */
    public double[] column(MetricKey key) {
        int j = keys.indexOf(key);
        if (j < 0) {
            throw new IllegalArgumentException("no per-user metric '" + key + "' (have " + keys + ")");
        }
        return values[j].clone();
    }
}
