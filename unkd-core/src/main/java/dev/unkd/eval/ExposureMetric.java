package dev.unkd.eval;

/**
 * A system metric of the items' top-K exposure counts ({@link ItemExposure}): what
 * {@link Coverage} and {@link ExposureGini} share; each says what it computes from the counts.
 */
abstract class ExposureMetric implements SystemMetric {
    private final MetricKey key;
    private final ItemExposure exposure;
    private final int numItems;

    ExposureMetric(MetricName metric, int numItems, int k) {
        this.key = metric.at(k);
        this.exposure = new ItemExposure(numItems, k);
        this.numItems = numItems;
    }

    int numItems() {
        return numItems;
    }

    /** The value from the exposure count of every item (do not modify them). */
    abstract double value(long[] counts);

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
        return new double[] {value(exposure.counts())};
    }
}
