package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.recommend.Recommender;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One side of DCD's dual correction (Lee and Kim, CIKM 2021): rows (users for the user side, items
 * for the item side), each with the teacher's top-T unobserved columns (items, resp. users), the
 * student's current rank of each of them among the row's unobserved columns, and the K
 * "underestimated" and K "overestimated" columns drawn from the list every epoch.
 *
 * <p>With r_T = k the teacher's position (0-based) and r_S the student's rank (0-based: the number
 * of unobserved columns the student scores higher), a listed column is drawn as underestimated with
 * weight max(tanh(max((r_S - r_T) / eps, 0)), floor) and as overestimated with weight
 * max(tanh(max((r_T - r_S) / eps, 0)), floor), K of each without replacement (torch.multinomial
 * semantics, by exponential keys: the K largest log(U) / w), the underestimated ones then put in
 * the teacher's order. Each row's draw depends only on the seed and the row.
 *
 * <p>Student ranks are exact up to {@link #rankCap} = T + 20 epsilon and capped there, which leaves
 * every sampling weight unchanged. Cost of a rank refresh: one blocked scoring pass over rows x
 * columns, a quickselect of the cap best scores per row ({@link LargestValues}), their sort and
 * a binary search into them per listed column. Of a draw: 2 T exponential keys (the weights come from a table by the integer
 * discrepancy) and two bounded heaps per row ({@link LargestKeys}).
 */
final class CorrectionSide {
    private static final int ROW_BLOCK = 32;
    private static final int ROW_CHUNK = 256;

    private final TeacherRanking top;
    private final Interactions seen;
    private final int k;
    private final double epsilon;
    private final double floor;
    private final int[] studentRank;
    private final int[] under;
    private final int[] over;
    private final int[] counts;
    private final int cap;
    /** The sampling weights by discrepancy r_S - r_T + depth. */
    private final double[] underWeight;
    private final double[] overWeight;
    private boolean ranked;

    CorrectionSide(TeacherRanking top, Interactions seen, int k, double epsilon, double floor) {
        if (top.numGroups() != 1 || top.numUsers() != seen.numUsers()) {
            throw new IllegalArgumentException("DCD needs one teacher list per row");
        }
        this.top = top;
        this.seen = seen;
        this.k = k;
        this.epsilon = epsilon;
        this.floor = floor;
        int rows = top.numUsers();
        this.studentRank = new int[Math.multiplyExact(rows, top.depth())];
        this.under = new int[Math.multiplyExact(rows, k)];
        this.over = new int[Math.multiplyExact(rows, k)];
        this.counts = new int[rows];
        this.cap = rankCap(top.depth(), epsilon);
        // the discrepancy r_S - r_T is an integer in (-depth, cap]: its weights are computed once
        this.underWeight = new double[depth() + cap + 1];
        this.overWeight = new double[underWeight.length];
        for (int x = 0; x < underWeight.length; x++) {
            double d = x - depth();
            underWeight[x] = Math.max(Math.tanh(Math.max(d / epsilon, 0)), floor);
            overWeight[x] = Math.max(Math.tanh(Math.max(-d / epsilon, 0)), floor);
        }
    }

    private int depth() {
        return top.depth();
    }

    /**
     * Ranks at or beyond T + 20 epsilon give the same sampling weights in double precision as any
     * higher rank (tanh(x) rounds to 1 for x &gt; 19.1, and the overestimation weight is already at
     * its floor), so ranks are counted exactly up to this cap and reported as the cap beyond it.
     */
    static int rankCap(int depth, double epsilon) {
        return (int) Math.min(Integer.MAX_VALUE - 1L, depth + (long) Math.ceil(20 * epsilon));
    }

    int rows() {
        return top.numUsers();
    }

    int k() {
        return k;
    }

    TeacherRanking top() {
        return top;
    }

    boolean ranked() {
        return ranked;
    }

    /** The student's rank of the r-th listed column of a row (after a refresh), at most {@link #rankCap}. */
    int studentRank(int row, int r) {
        return studentRank[row * top.depth() + r];
    }

    /** Samples per list of a row (min(K, list length)). */
    int count(int row) {
        return counts[row];
    }

    int under(int row, int j) {
        return under[row * k + j];
    }

    int over(int row, int j) {
        return over[row * k + j];
    }

    /** Recomputes the student's rank of every listed column; {@code student} scores rows x columns. */
    void refreshRanks(Scorer student, ChunkedExecutor executor) {
        int rows = rows();
        int cols = seen.numItems();
        int depth = top.depth();
        int[] lists = top.itemArray();
        int[] ids = new int[rows];
        Arrays.setAll(ids, r -> r);
        Recommender recommender = new Recommender(student, seen); // its scoring and exclusion of seen columns
        ThreadLocal<Recommender.Scratch> scratches = ThreadLocal.withInitial(Recommender.Scratch::new);
        executor.run(ChunkedExecutor.chunks(rows, ROW_BLOCK), c -> {
            int from = c * ROW_BLOCK;
            int to = Math.min(rows, from + ROW_BLOCK);
            float[][] scores = scratches.get().rows(ROW_BLOCK, cols);
            recommender.scoreBlock(ids, from, to, scores);
            float[] best = new float[cols];
            float[] scratchValues = new float[cols];
            float[] listed = new float[depth];
            int keep = Math.min(cap, cols);
            for (int row = from; row < to; row++) {
                float[] s = scores[row - from];
                int len = top.length(row, 0);
                int off = top.offset(row, 0);
                if (len == 0) {
                    continue;
                }
                for (int r = 0; r < len; r++) {
                    listed[r] = s[lists[off + r]];
                }
                int eligible = 0;
                for (int col = 0; col < cols; col++) {
                    float v = s[col];
                    if (v > Float.NEGATIVE_INFINITY) { // unobserved (seen columns are -Infinity; NaN never counts)
                        best[eligible++] = v;
                    }
                }
                // the scores of the cap best unobserved columns, ascending
                int n = Math.min(eligible, keep);
                LargestValues.largestAscending(best, eligible, n, scratchValues);
                boolean complete = eligible < keep; // every unobserved column was kept
                float lowest = n == 0 ? Float.POSITIVE_INFINITY : best[0];
                for (int r = 0; r < len; r++) {
                    float x = listed[r];
                    // columns scored above x: all among the kept when x >= the lowest kept (or all were kept)
                    studentRank[row * depth + r] = complete || x >= lowest ? LargestValues.countAbove(best, n, x) : cap;
                }
            }
        });
        ranked = true;
    }

    /** Draws every row's underestimated and overestimated columns from the current ranks. */
    void draw(long seed, ChunkedExecutor executor) {
        if (!ranked) {
            throw new IllegalStateException("DCD ranks not computed");
        }
        int rows = rows();
        int depth = top.depth();
        int[] lists = top.itemArray();
        executor.run(ChunkedExecutor.chunks(rows, ROW_CHUNK), c -> {
            double[] underKey = new double[depth];
            double[] overKey = new double[depth];
            double[] underUniform = new double[depth];
            double[] overUniform = new double[depth];
            int[] picked = new int[k];
            int to = Math.min(rows, (c + 1) * ROW_CHUNK);
            for (int row = c * ROW_CHUNK; row < to; row++) {
                int len = top.length(row, 0);
                int off = top.offset(row, 0);
                int want = Math.min(k, len);
                counts[row] = want;
                if (want == 0) {
                    continue;
                }
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, row));
                for (int r = 0; r < len; r++) {
                    underUniform[r] = rng.nextDouble();
                    overUniform[r] = rng.nextDouble();
                }
                drawKeys(row, len, want, underUniform, underWeight, underKey, picked);
                Arrays.sort(picked, 0, want); // the teacher's order
                for (int j = 0; j < want; j++) {
                    under[row * k + j] = lists[off + picked[j]];
                }
                drawKeys(row, len, want, overUniform, overWeight, overKey, picked);
                Arrays.sort(picked, 0, want);
                for (int j = 0; j < want; j++) {
                    over[row * k + j] = lists[off + picked[j]];
                }
            }
        });
    }

    /**
     * Draws {@code want} of a row's len listed columns without replacement with probabilities
     * proportional to their weights (by discrepancy, from {@code weights}), by exponential keys: the
     * {@code want} largest log(1 - U) / w, U from {@code uniform}. Writes their positions to picked.
     *
     * <p>Most entries of a list sit at the floor weight on one of the two sides, and their keys
     * (log(1 - U) / 1e-5, hugely negative) almost never reach the {@code want}-th largest key of the
     * others; so the others' keys are computed first, and a floor entry's logarithm only when its U
     * could put it above that key (with a margin far above rounding). The draw is the one of all
     * keys computed: an entry left out has a key below {@code want} others.
     */
    private void drawKeys(int row, int len, int want, double[] uniform, double[] weights, double[] key, int[] picked) {
        int depth = top.depth();
        int above = 0;
        for (int r = 0; r < len; r++) {
            double w = weights[studentRank[row * depth + r] - r + depth];
            if (w > floor) {
                key[r] = Math.log(1 - uniform[r]) / w;
                above++;
            } else {
                key[r] = Double.NEGATIVE_INFINITY;
            }
        }
        if (above < want) {
            for (int r = 0; r < len; r++) {
                if (key[r] == Double.NEGATIVE_INFINITY) {
                    key[r] = Math.log(1 - uniform[r]) / floor;
                }
            }
            LargestKeys.positions(key, len, want, picked);
            return;
        }
        LargestKeys.positions(key, len, want, picked);
        double threshold = Double.POSITIVE_INFINITY;
        for (int j = 0; j < want; j++) {
            threshold = Math.min(threshold, key[picked[j]]);
        }
        // log(1 - U) / floor >= threshold needs 1 - U >= exp(threshold * floor)
        double least = Math.exp(threshold * floor) * (1 - 1e-9);
        boolean any = false;
        for (int r = 0; r < len; r++) {
            if (key[r] == Double.NEGATIVE_INFINITY && 1 - uniform[r] >= least) {
                key[r] = Math.log(1 - uniform[r]) / floor;
                any = true;
            }
        }
        if (any) {
            LargestKeys.positions(key, len, want, picked);
        }
    }
}
