package dev.unkd.eval;

/**
 * The mean of a {@link ListMetric} over users, summed in user order: how Recall, NDCG, ... and the
 * popular / unpopular recall become reported numbers (RankSys's {@code AverageRecommendationMetric}).
 * Users for whom the metric is undefined (NaN) add nothing to the sum; the {@link Denominator}
 * says whether they still count. Users without a list at all (no held-out items) can be counted as
 * zeros too ({@link UserAveraging#ALL_USERS}): a fixed number of absent users, a property of the
 * whole evaluation, which {@link #combine} therefore does not add up.
 */
public final class MeanOverUsers implements SystemMetric {
    /** Whom the sum is divided by. */
    public enum Denominator {
        /** Every evaluated user (undefined values count as 0; the authors' per-group recall). */
        ALL_USERS,
        /** Only the users for whom the metric is defined (0 when there are none). */
        DEFINED_USERS
    }

    private final MetricKey key;
    private final ListMetric metric;
    private final Denominator denominator;
    private final long absentUsers;
    private double sum;
    private long users;
    private long defined;
    private double last = Double.NaN;

    public MeanOverUsers(MetricKey key, ListMetric metric, Denominator denominator) {
        this(key, metric, denominator, 0);
    }

    /**
     * A mean that also divides by {@code absentUsers} users who have no list and count as 0
     * (only with {@link Denominator#ALL_USERS}: the metric is undefined for them, not 0, otherwise).
     */
    MeanOverUsers(MetricKey key, ListMetric metric, Denominator denominator, long absentUsers) {
        if (key.metric().perGroup()) {
            throw new IllegalArgumentException(key + " is a per-group metric, not a mean over users");
        }
        if (absentUsers < 0 || (absentUsers > 0 && denominator != Denominator.ALL_USERS)) {
            throw new IllegalArgumentException(key + ": " + absentUsers + " absent users cannot be counted with denominator " + denominator);
        }
        this.key = key;
        this.metric = metric;
        this.denominator = denominator;
        this.absentUsers = absentUsers;
    }

    /** The mean over all evaluated users. */
    public MeanOverUsers(MetricKey key, ListMetric metric) {
        this(key, metric, Denominator.ALL_USERS);
    }

    @Override
    public MetricKey key() {
        return key;
    }

    @Override
    public void accumulate(JudgedList list) {
        double v = metric.evaluate(list);
        last = v;
        users++;
        if (!Double.isNaN(v)) {
            sum += v;
            defined++;
        }
    }

    @Override
    public void combine(SystemMetric other) {
        MeanOverUsers o = SystemMetric.sameMetric(this, other);
        sum += o.sum;
        users += o.users;
        defined += o.defined;
    }

    @Override
    public double[] result() {
        return new double[] {value()};
    }

    /** The value of the last list accumulated (NaN when undefined for that user or before the first): the per-user value. */
    double last() {
        return last;
    }

    /** The mean so far (0 over no users). */
    public double value() {
        long n = denominator == Denominator.ALL_USERS ? users + absentUsers : defined;
        return n == 0 ? 0 : sum / n;
    }

    @Override
    public MeanOverUsers empty() {
        return new MeanOverUsers(key, metric, denominator, absentUsers);
    }
}
