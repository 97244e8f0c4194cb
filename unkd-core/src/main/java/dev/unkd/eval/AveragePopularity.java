package dev.unkd.eval;

/**
 * arp@K, average recommendation popularity: the mean over users of the mean training popularity
 * (interaction count) of the items in the user's top K, an empty list counting 0 (Abdollahpouri et
 * al., FLAIRS 2019). Partial sums combine in user order.
 */
public final class AveragePopularity implements SystemMetric {
    private final MetricKey key;
    private final int[] popularity;
    private double sum;
    private long users;

    /** {@code popularity[i]}: training interactions of item i (not copied; do not modify). */
    public AveragePopularity(int[] popularity, int k) {
        this.key = MetricName.ARP.at(k);
        this.popularity = popularity;
    }

    @Override
    public MetricKey key() {
        return key;
    }

    @Override
    public void accumulate(JudgedList list) {
        int len = Math.min(key.cutoff(), list.length());
        double pop = 0;
        for (int r = 0; r < len; r++) {
            pop += popularity[list.item(r)];
        }
        sum += len == 0 ? 0 : pop / len;
        users++;
    }

    @Override
    public void combine(SystemMetric other) {
        AveragePopularity o = SystemMetric.sameMetric(this, other);
        sum += o.sum;
        users += o.users;
    }

    @Override
    public double[] result() {
        return new double[] {users == 0 ? 0 : sum / users};
    }

    @Override
    public AveragePopularity empty() {
        return new AveragePopularity(popularity, key.cutoff());
    }
}
