package dev.unkd.data;

import java.util.Arrays;

/**
 * A global time cut: the earliest {@code trainFraction} of all interactions train, the next
 * {@code validFraction} validate, the rest test. The cuts are timestamps, so interactions at the
 * same moment stay together: with the timestamps sorted, the first cut is the timestamp at
 * position {@code floor(trainFraction * n)}; rows strictly before it train, and rows at or after
 * it go to the later parts (likewise for the second cut at
 * {@code floor((trainFraction + validFraction) * n)}). Test users and items may be new (cold
 * start). Needs a timestamp on every row; the seed is not used.
 *
 * @param trainFraction fraction of interactions before the first cut, in (0, 1]
 * @param validFraction fraction between the cuts, in [0, 1 - trainFraction]
 */
public record TemporalSplitter(double trainFraction, double validFraction) implements Splitter {
    public TemporalSplitter {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("Invalid training fraction: " + trainFraction);
        }
        if (!(validFraction >= 0 && trainFraction + validFraction <= 1 + 1e-12)) {
            throw new IllegalArgumentException("Invalid validation fraction: " + validFraction
                    + " (with training fraction " + trainFraction + ")");
        }
    }

    @Override
    public Dataset split(InteractionLog log, long seed) {
        InteractionLog data = log.dedupe();
        if (!data.hasTimestamps()) {
            throw data.problem("a temporal split needs a timestamp on every interaction");
        }
        int n = data.size();
        long[] sorted = new long[n];
        for (int k = 0; k < n; k++) {
            sorted[k] = data.timestamp(k);
        }
        Arrays.sort(sorted);
        int trainEnd = position(trainFraction, n);
        int validEnd = Math.max(trainEnd, position(trainFraction + validFraction, n));
        byte[] part = new byte[n];
        for (int k = 0; k < n; k++) {
            long t = data.timestamp(k);
            if (validEnd < n && t >= sorted[validEnd]) {
                part[k] = SplitParts.TEST;
            } else if (trainEnd < n && t >= sorted[trainEnd]) {
                part[k] = SplitParts.VALID;
            }
        }
        return SplitParts.build(data, part);
    }

    /** floor(fraction * n), tolerant of products like 0.57 * 100 = 56.99999999999999. */
    private static int position(double fraction, int n) {
        return (int) Math.min(n, Math.floor(fraction * n + 1e-9));
    }
}
