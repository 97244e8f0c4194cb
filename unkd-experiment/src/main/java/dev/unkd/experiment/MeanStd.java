package dev.unkd.experiment;

import java.util.Locale;

/**
 * Mean and sample standard deviation (n - 1 in the denominator) of a metric over seeds.
 */
record MeanStd(double mean, double std, int n) {
    static final MeanStd NONE = new MeanStd(Double.NaN, Double.NaN, 0);

    static MeanStd of(double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return NONE;
        }
        double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new MeanStd(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0, v.length);
    }

    boolean isPresent() {
        return n > 0;
    }

    /** "0.0863 ± 0.0012" over several seeds, "0.0863" for one, "–" for none. */
    String format() {
        if (n == 0) {
            return "–";
        }
        return n == 1 ? String.format(Locale.ROOT, "%.4f", mean) : String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
