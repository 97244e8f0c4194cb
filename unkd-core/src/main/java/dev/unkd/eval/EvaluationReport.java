package dev.unkd.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The result of one evaluation: the number of evaluated users and each metric's value by
 * {@link MetricKey}, a scalar or (for {@link MetricName#perGroup()} metrics) one value per
 * popularity group. Keys keep the evaluator's order, which is the order of every JSON and CSV
 * file ({@link #asMap()}).
 */
public final class EvaluationReport {
    /** The name of the user count in {@link #asMap()} and in files. */
    public static final String USERS = "users";
    /** The name of the number of users averaged over, in {@link #asMap()} and files under {@link UserAveraging#ALL_USERS} only. */
    public static final String AVERAGED_USERS = "averagedUsers";

    private final int users;
    private final UserAveraging averaging;
    private final int averagedUsers;
    private final Map<MetricKey, double[]> values = new LinkedHashMap<>();
    private UserMetrics userMetrics;

    EvaluationReport(int users) {
        this(users, UserAveraging.HELD_OUT_USERS, users);
    }

    EvaluationReport(int users, UserAveraging averaging, int averagedUsers) {
        this.users = users;
        this.averaging = averaging;
        this.averagedUsers = averagedUsers;
    }

    /** Adds a metric: one value for a scalar metric, one per group for a per-group one. */
    void put(MetricKey key, double[] value) {
        if (!key.metric().perGroup() && value.length != 1) {
            throw new IllegalArgumentException(key + " is a scalar metric, got " + value.length + " values");
        }
        if (values.putIfAbsent(key, value.clone()) != null) {
            throw new IllegalArgumentException("metric " + key + " reported twice");
        }
    }

    /** Users with held-out items, whose lists were evaluated. */
    public int users() {
        return users;
    }

    /** Whom the per-user accuracy metrics were averaged over. */
    public UserAveraging averaging() {
        return averaging;
    }

    /** The number of users they were divided by: {@link #users()}, or every user of the data under {@link UserAveraging#ALL_USERS}. */
    public int averagedUsers() {
        return averagedUsers;
    }

    /** A scalar metric; throws naming the metrics present when the report has no such scalar. */
    public double get(MetricKey key) {
        double[] v = values.get(key);
        if (v == null || key.metric().perGroup()) {
            throw new IllegalArgumentException("no scalar metric '" + key + "' (have " + values.keySet() + ")");
        }
        return v[0];
    }

    /** A per-group metric, one value per popularity group (a copy). */
    public double[] perGroup(MetricKey key) {
        double[] v = values.get(key);
        if (v == null || !key.metric().perGroup()) {
            throw new IllegalArgumentException("no per-group metric '" + key + "' (have " + values.keySet() + ")");
        }
        return v.clone();
    }

    void setUserMetrics(UserMetrics perUser) {
        this.userMetrics = perUser;
    }

    /**
     * The per-user values, present when the report comes from {@link Evaluator#evaluateByUser}
     * with full ranking (never part of {@link #asMap()}).
     */
    public Optional<UserMetrics> userMetrics() {
        return Optional.ofNullable(userMetrics);
    }

    public boolean has(MetricKey key) {
        return values.containsKey(key);
    }

    /** The metrics present, in report order. */
    public Set<MetricKey> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * The report as written to files: {@value #USERS} (a double) first, under all-users averaging
     * {@value #AVERAGED_USERS} next (so files of the default averaging keep their keys), then every
     * metric by its {@code name@K} in report order, a {@code Double} or a {@code double[]} (copies).
     */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(USERS, (double) users);
        if (averaging == UserAveraging.ALL_USERS) {
            out.put(AVERAGED_USERS, (double) averagedUsers);
        }
        values.forEach((k, v) -> out.put(k.toString(), k.metric().perGroup() ? v.clone() : (Object) v[0]));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{").append(USERS).append('=').append((double) users);
        if (averaging == UserAveraging.ALL_USERS) {
            sb.append(", ").append(AVERAGED_USERS).append('=').append((double) averagedUsers);
        }
        values.forEach((k, v) -> sb.append(", ").append(k).append('=').append(k.metric().perGroup() ? Arrays.toString(v) : v[0]));
        return sb.append('}').toString();
    }
}
