package dev.unkd.eval;

import dev.unkd.data.Gini;

/**
 * gini@K: the Gini coefficient of the items' top-K exposure counts over the whole catalogue
 * (0 = every item shown equally often, towards 1 = a few items take all slots; {@link Gini}).
 */
public final class ExposureGini implements SystemMetric {
    private final MetricKey key;
    private final ItemExposure exposure;
    private final int numItems;

    public ExposureGini(int numItems, int k) {
        this.key = MetricName.GINI.at(k);
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
        return new double[] {Gini.of(exposure.counts())};
    }

    @Override
    public ExposureGini empty() {
        return new ExposureGini(numItems, key.cutoff());
    }
}
