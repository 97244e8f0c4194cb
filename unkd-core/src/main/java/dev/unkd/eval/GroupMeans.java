package dev.unkd.eval;

import java.util.function.IntFunction;

/**
 * A per-group metric made of one {@link ListMetric} per group, each summed in user order and
 * divided by all evaluated users (undefined values add nothing): {@code groupRecall@K} from the
 * {@link GroupRecall} of every share group, as the authors' code divides it. Users without a list
 * can be counted as zeros, as in {@link MeanOverUsers}.
 */
public final class GroupMeans implements SystemMetric {
    private final MetricKey key;
    private final ListMetric[] metrics;
    private final double[] sums;
    private final long absentUsers;
    private long users;

    /** {@code perGroup.apply(g)} is the list metric of group g, for g in [0, groups). */
    public GroupMeans(MetricKey key, int groups, IntFunction<ListMetric> perGroup) {
        this(key, groups, perGroup, 0);
    }

    /** As {@link #GroupMeans(MetricKey, int, IntFunction)}, also dividing by {@code absentUsers} users without a list. */
    GroupMeans(MetricKey key, int groups, IntFunction<ListMetric> perGroup, long absentUsers) {
        this(key, metrics(groups, perGroup), absentUsers);
    }

    private GroupMeans(MetricKey key, ListMetric[] metrics, long absentUsers) {
        if (!key.metric().perGroup()) {
            throw new IllegalArgumentException(key + " is a scalar metric, not one per group");
        }
        if (absentUsers < 0) {
            throw new IllegalArgumentException(key + ": invalid number of absent users " + absentUsers);
        }
        this.key = key;
        this.metrics = metrics;
        this.sums = new double[metrics.length];
        this.absentUsers = absentUsers;
    }

    private static ListMetric[] metrics(int groups, IntFunction<ListMetric> perGroup) {
        ListMetric[] m = new ListMetric[groups];
        for (int g = 0; g < groups; g++) {
            m[g] = perGroup.apply(g);
        }
        return m;
    }

    @Override
    public MetricKey key() {
        return key;
    }

    @Override
    public void accumulate(JudgedList list) {
        users++;
        for (int g = 0; g < metrics.length; g++) {
            double v = metrics[g].evaluate(list);
            if (!Double.isNaN(v)) {
                sums[g] += v;
            }
        }
    }

    @Override
    public void combine(SystemMetric other) {
        GroupMeans o = SystemMetric.sameMetric(this, other);
        if (o.sums.length != sums.length) {
            throw new IllegalArgumentException("cannot combine " + key + " over " + sums.length + " and " + o.sums.length + " groups");
        }
        for (int g = 0; g < sums.length; g++) {
            sums[g] += o.sums[g];
        }
        users += o.users;
    }

    @Override
    public double[] result() {
        double[] out = new double[sums.length];
        for (int g = 0; g < sums.length; g++) {
            out[g] = users + absentUsers == 0 ? 0 : sums[g] / (users + absentUsers);
        }
        return out;
    }

    @Override
    public GroupMeans empty() {
        return new GroupMeans(key, metrics, absentUsers);
    }
}
