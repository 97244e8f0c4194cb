package dev.unkd.eval;

import dev.unkd.data.Gini;

/**
 * gini@K: the Gini coefficient of the items' top-K exposure counts over the whole catalogue
 * (0 = every item shown equally often, towards 1 = a few items take all slots; {@link Gini}).
 */
public final class ExposureGini extends ExposureMetric {
    public ExposureGini(int numItems, int k) {
        super(MetricName.GINI, numItems, k);
    }

    @Override
    double value(long[] counts) {
        return Gini.of(counts);
    }

    @Override
    public ExposureGini empty() {
        return new ExposureGini(numItems(), key().cutoff());
    }
}
