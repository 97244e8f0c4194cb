package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.recommend.TopK;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The popularity penalty of unkd-plus's cross-group targets, fitted on the teacher alone before
 * the student trains: the gamma for which the teacher's top-20 lists ranked by
 * t(u, i) - gamma log(1 + pop_i) give each popularity group the share of slots closest (in total
 * variation) to the share of the validation interactions in that group (of the training
 * interactions when there are none). Scores are per user of the validation set (at most
 * {@value #MAX_USERS}, evenly spaced), over the teacher's best {@value #DEPTH} unobserved items
 * per group: a penalised top-20 outside that pool would need an item the teacher ranks below
 * 100 others of its own group. The candidates are the grid 0 and s 10^(-2 + 4 j / 40), j = 0..40,
 * s the ratio of the standard deviations of the pool's teacher scores and log popularities, so
 * that the fit does not depend on the teacher's score scale; ties go to the smaller penalty.
 */
final class PopularityPenalty {
    /** Top-list length whose group shares are matched. */
    static final int CUTOFF = 20;
    /** The teacher's unobserved items per (user, group) the penalised lists are drawn from. */
    static final int DEPTH = 100;
    static final int MAX_USERS = 2000;
    private static final int GRID = 40;

    private final double[][] scores;
    private final double[][] logPopularity;
    private final int[][] groupOf;
    private final int numGroups;

    private PopularityPenalty(double[][] scores, double[][] logPopularity, int[][] groupOf, int numGroups) {
        this.scores = scores;
        this.logPopularity = logPopularity;
        this.groupOf = groupOf;
        this.numGroups = numGroups;
    }

    /**
     * The pools of the given users: the first {@code depth} items of each of their group lists,
     * scored by {@code teacher} (or by the student, for the exposure controller's shares).
     */
    static PopularityPenalty pools(TeacherRanking unobserved, int depth, Scorer teacher, int[] popularity, int[] users) {
        int k = unobserved.numGroups();
        double[][] s = new double[users.length][];
        double[][] lp = new double[users.length][];
        int[][] g = new int[users.length][];
        for (int b = 0; b < users.length; b++) {
            int u = users[b];
            int n = 0;
            for (int group = 0; group < k; group++) {
                n += Math.min(depth, unobserved.length(u, group));
            }
            s[b] = new double[n];
            lp[b] = new double[n];
            g[b] = new int[n];
            int j = 0;
            for (int group = 0; group < k; group++) {
                int len = Math.min(depth, unobserved.length(u, group));
                for (int r = 0; r < len; r++) {
                    int item = unobserved.item(u, group, r);
                    s[b][j] = teacher.score(u, item);
                    lp[b][j] = Math.log1p(popularity[item]);
                    g[b][j++] = group;
                }
            }
        }
        return new PopularityPenalty(s, lp, g, k);
    }

    /**
     * A fitted penalty, with the target group shares and the teacher's top-20 shares without and
     * with it (for the log and for diagnostics).
     */
    record Fit(double penalty, double[] target, double[] before, double[] after) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "penalty %.4g: teacher top-%d group shares %s -> %s, target %s", penalty, CUTOFF,
                    shown(before, "%.3f"), shown(after, "%.3f"), shown(target, "%.3f"));
        }
    }

    /** The values in the given format, separated by spaces (for the logs). */
    static String shown(double[] values, String format) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, v)).collect(Collectors.joining(" "));
    }

    /** The users the shares are measured on: those with validation interactions (else training ones), at most {@value #MAX_USERS}. */
    static int[] referenceUsers(Interactions train, Interactions valid) {
        Interactions reference = valid.size() > 0 ? valid : train;
        return spaced(IntStream.range(0, reference.numUsers()).filter(u -> reference.userDegree(u) > 0).toArray(), MAX_USERS);
    }

    /** The penalty whose top-20 shares come closest to the validation (else training) interactions' group shares. */
    Fit fit(PopularityGroups groups, Interactions train, Interactions valid) {
        double[] target = heldOutShares(groups, train, valid);
        double penalty = closest(target);
        return new Fit(penalty, target, shares(0), shares(penalty)); // two more passes: cheap next to the fit's 42
    }

    /** The share of the validation interactions (of the training ones when there are none) in each group. */
    static double[] heldOutShares(PopularityGroups groups, Interactions train, Interactions valid) {
        return interactionShares(valid.size() > 0 ? valid : train, groups);
    }

    /** At most {@code max} of the values, evenly spaced (all of them when there are fewer). */
    static int[] spaced(int[] values, int max) {
        if (values.length <= max) {
            return values;
        }
        return IntStream.range(0, max).map(j -> values[(int) ((long) j * values.length / max)]).toArray();
    }

    /** The share of the interactions of {@code part} whose item lies in each group (items in no group left out). */
    static double[] interactionShares(Interactions part, PopularityGroups groups) {
        double[] shares = new double[groups.numGroups()];
        long total = 0;
        for (int i = 0; i < part.numItems(); i++) {
            int g = groups.groupOf(i);
            if (g != PopularityGroups.NONE) {
                shares[g] += part.itemDegree(i);
                total += part.itemDegree(i);
            }
        }
        if (total == 0) {
            Arrays.fill(shares, 1.0 / shares.length);
            return shares;
        }
        for (int g = 0; g < shares.length; g++) {
            shares[g] /= total;
        }
        return shares;
    }

    /**
     * s, the standard deviation of the pooled teacher scores over that of their log popularities:
     * the penalty's natural unit (0 when either has no spread: nothing to deconfound).
     */
    double scale() {
        double scale = spread(scores) / spread(logPopularity);
        return scale > 0 && Double.isFinite(scale) ? scale : 0;
    }

    /** The standard deviation of the pooled teacher scores: the unit of the exposure controller's group penalties. */
    double scoreSpread() {
        return spread(scores);
    }

    /** The grid penalty with the smallest total variation between the penalised top-20 shares and {@code target}. */
    double closest(double[] target) {
        double scale = scale();
        if (scale == 0) {
            return 0;
        }
        double best = 0;
        double bestDistance = distance(shares(0), target);
        for (int j = 0; j <= GRID; j++) {
            double gamma = scale * Math.pow(10, -2 + 4.0 * j / GRID);
            double d = distance(shares(gamma), target);
            if (d < bestDistance) {
                bestDistance = d;
                best = gamma;
            }
        }
        return best;
    }

    /** The share of top-20 slots per group when the pools are ranked by score - gamma log(1 + pop). */
    double[] shares(double gamma) {
        double[] counts = new double[numGroups];
        long slots = 0;
        float[] keys = new float[0];
        for (int b = 0; b < scores.length; b++) {
            int n = scores[b].length;
            if (keys.length < n) {
                keys = new float[n];
            }
            for (int j = 0; j < n; j++) {
                keys[j] = (float) (scores[b][j] - gamma * logPopularity[b][j]);
            }
            for (int j : new TopK(CUTOFF).select(keys, n)) {
                counts[groupOf[b][j]]++;
                slots++;
            }
        }
        for (int g = 0; g < numGroups; g++) {
            counts[g] = slots == 0 ? 0 : counts[g] / slots;
        }
        return counts;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int g = 0; g < a.length; g++) {
            d += Math.abs(a[g] - b[g]);
        }
        return d / 2;
    }

    /** Standard deviation over all pooled values. */
    private static double spread(double[][] values) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (double[] row : values) {
            for (double v : row) {
                sum += v;
                sq += v * v;
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }
}
