package dev.unkd.eval;

/** coverage@K: the share of the catalogue that appears in at least one user's top K (aggregate diversity). */
public final class Coverage implements SystemMetric {
    private final MetricKey key;
    private final ItemExposure exposure;
    private final int numItems;

    public Coverage(int numItems, int k) {
        this.key = MetricName.COVERAGE.at(k);
        this.exposure = new ItemExposure(numItems, k);
        this.numItems = numItems;
    }

    @Override
    public MetricKey key() {
        return key;
    }

    @Override
    public void accumulate(JudgedList list) {
        exposure.add(list);
    }

    @Override
    public void combine(SystemMetric other) {
        exposure.add(SystemMetric.sameMetric(this, other).exposure);
    }

    @Override
    public double[] result() {
        long covered = 0;
        for (long c : exposure.counts()) {
            if (c > 0) {
                covered++;
            }
        }
        return new double[] {(double) covered / numItems};
    }

    @Override
    public Coverage empty() {
        return new Coverage(numItems, key.cutoff());
    }
}
