package dev.unkd.distill;

import java.util.ArrayList;
import java.util.List;

/** Pearson's chi-square goodness of fit with adjacent bins merged until each expects at least 20 counts. */
final class ChiSquare {
    private ChiSquare() {
    }

    /** Statistic and degrees of freedom for observed counts against probabilities (summing to 1). */
    static double[] statistic(long[] observed, double[] probability) {
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        List<double[]> bins = new ArrayList<>();
        double e = 0;
        double o = 0;
        for (int r = 0; r < observed.length; r++) {
            e += probability[r] * n;
            o += observed[r];
            if (e >= 20) {
                bins.add(new double[] {o, e});
                e = 0;
                o = 0;
            }
        }
        if (!bins.isEmpty()) { // the tail joins the last bin
            bins.get(bins.size() - 1)[0] += o;
            bins.get(bins.size() - 1)[1] += e;
        }
        double chi = 0;
        for (double[] b : bins) {
            chi += (b[0] - b[1]) * (b[0] - b[1]) / b[1];
        }
        return new double[] {chi, bins.size() - 1};
    }

    /** Upper 0.1% point of chi-square(df), Wilson-Hilferty approximation. */
    static double critical(double df) {
        double z = 3.09;
        double a = 2 / (9 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }

    /** The two-draw law: P(min = r) and P(max = r) of two independent draws conditioned on being distinct. */
    static double[][] twoDrawMarginals(ExponentialRankLaw law, int len) {
        double[] p = new double[len];
        for (int r = 0; r < len; r++) {
            p[r] = law.probability(r, len);
        }
        double z = 1 - law.tieProbability(len);
        double[] better = new double[len];
        double[] worse = new double[len];
        double below = 0;
        double above = 1;
        for (int r = 0; r < len; r++) {
            above -= p[r]; // mass of ranks > r
            better[r] = 2 * p[r] * Math.max(0, above) / z;
            worse[r] = 2 * p[r] * below / z;
            below += p[r];
        }
        return new double[][] {better, worse};
    }
}
