package dev.unkd.eval;

/** coverage@K: the share of the catalogue that appears in at least one user's top K (aggregate diversity). */
public final class Coverage extends ExposureMetric {
    public Coverage(int numItems, int k) {
        super(MetricName.COVERAGE, numItems, k);
    }

    @Override
    double value(long[] counts) {
        long covered = 0;
        for (long c : counts) {
            if (c > 0) {
                covered++;
            }
        }
        return (double) covered / numItems();
    }

    @Override
    public Coverage empty() {
        return new Coverage(numItems(), key().cutoff());
    }
}
