package dev.unkd.experiment;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.stat.inference.WilcoxonSignedRankTest;

/**
 * The paired difference of a per-user metric between two table rows over the same test users:
 * its mean, a 95% percentile-bootstrap confidence interval of the mean, and the two-sided p-value
 * of the Wilcoxon signed-rank test (Wilcoxon, 1945).
 *
 * <p>Pairing and seeds: within each seed (the same split, so the same test users) user u's
 * difference is d_s(u) = a_s(u) − b_s(u), over the users for whom both values are defined; over
 * seeds, each user's differences are averaged (d(u) = mean over the seeds where it is defined),
 * and the test runs on those per-user means. Seeds are thereby treated as repeated measurements
 * of the same user, not as extra users, so more seeds do not inflate the sample size.
 *
 * <p>Bootstrap: {@value #RESAMPLES} resamples of the users with replacement from a fixed seed
 * ({@value #SEED}), the 2.5% and 97.5% order statistics of the resampled means (deterministic).
 * Wilcoxon: Hipparchus {@link WilcoxonSignedRankTest}, zero differences dropped, exact for at
 * most 30 non-zero differences and the normal approximation above; p = 1 when all are zero.
 *
 * @param users users paired
 * @param seeds seeds both rows have values for
 * @param mean mean of d(u)
 * @param low lower end of the 95% CI
 * @param high upper end of the 95% CI
 * @param p two-sided Wilcoxon p-value (uncorrected)
 */
record PairedDifference(int users, int seeds, double mean, double low, double high, double p) {
    static final int RESAMPLES = 10_000;
    static final long SEED = 2022;
    /** The largest number of non-zero differences for which the exact distribution is used. */
    static final int EXACT_LIMIT = 30;

    /** d(u) per user; empty when there are none. */
    static PairedDifference of(double[] differences, int seeds) {
        int n = differences.length;
        if (n == 0) {
            return new PairedDifference(0, seeds, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(differences).sum() / n;
        double[] means = new double[RESAMPLES];
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int r = 0; r < RESAMPLES; r++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += differences[rng.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        double low = means[(int) Math.floor(0.025 * (RESAMPLES - 1))];
        double high = means[(int) Math.ceil(0.975 * (RESAMPLES - 1))];
        return new PairedDifference(n, seeds, mean, low, high, wilcoxon(differences));
    }

    static double wilcoxon(double[] differences) {
        double[] nonZero = Arrays.stream(differences).filter(d -> d != 0).toArray();
        if (nonZero.length == 0) {
            return 1.0;
        }
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(nonZero, new double[nonZero.length], nonZero.length <= EXACT_LIMIT);
    }

    boolean isPresent() {
        return users > 0;
    }

    /**
     * Holm's step-down correction (Holm, 1979) of a family of p-values: sorted ascending, the
     * i-th smallest (0-based) becomes max over j &lt;= i of min(1, (m − j) p_(j)); NaN stays NaN
     * and does not count in m.
     */
    static double[] holm(double[] p) {
        Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        int m = order.length;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1, (m - j) * p[order[j]]));
            out[order[j]] = running;
        }
        return out;
    }
}
