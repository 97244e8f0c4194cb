package dev.unkd.eval;

/**
 * A metric of all users' lists together (RankSys's {@code SystemMetric}): group share, ARP,
 * coverage, Gini of exposure, and the mean of a {@link ListMetric} over users. Accumulates one
 * judged list at a time; built for parallel reduction: each part of the users accumulates into
 * its own {@link #empty()} copy and the parts are combined in user order, so a fixed partition
 * gives the same result with any thread count. Count-based metrics (share, coverage, Gini)
 * combine exactly; means add partial sums, so they equal the one-pass value only up to rounding
 * ({@link Evaluator} accumulates in one pass, in user order). Not thread-safe.
 */
public interface SystemMetric {
    /** The key the value is reported under; its {@link MetricName#perGroup()} says the shape of {@link #result()}. */
    MetricKey key();

    /** Adds one user's list (users in ascending order). */
    void accumulate(JudgedList list);

    /**
     * Adds the users of {@code other}, an accumulator of the same metric (same class and key, from
     * {@link #empty()}) whose users all come after this one's.
     */
    void combine(SystemMetric other);

    /** One value for a scalar metric, one per popularity group for a per-group metric. */
    double[] result();

    /** A new accumulator of the same metric over no users yet. */
    SystemMetric empty();

    /** {@code other} as the class of {@code self}, or an exception when they are not the same metric. */
    @SuppressWarnings("unchecked")
    static <M extends SystemMetric> M sameMetric(M self, SystemMetric other) {
        if (other.getClass() != self.getClass() || !other.key().equals(self.key())) {
            throw new IllegalArgumentException("cannot combine " + self.key() + " (" + self.getClass().getSimpleName() + ") with "
                    + other.key() + " (" + other.getClass().getSimpleName() + ")");
        }
        return (M) other;
    }
}
