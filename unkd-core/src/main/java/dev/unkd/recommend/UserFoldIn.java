package dev.unkd.recommend;

import dev.unkd.model.FactorScorer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A user vector for a user the model was not trained on, from the items of their history, with
 * the item embeddings held fixed ("folding in"; for LightGCN the propagated item embeddings, the
 * ones its scores use). The vector minimises the model's own training objective for one user,
 * BPR (Rendle et al., UAI 2009) with the training L2 term:
 *
 * <pre>
 *   f(u) = mean over i in history, j in negatives of softplus(-(u.q_i - u.q_j)) + decay / 2 |u|^2
 * </pre>
 * which is the per-triple loss of the training loop (mean BPR over the batch, plus
 * {@code decay * 0.5 * |p_u|^2 / batch} per triple) restricted to the user's row. The expectation
 * over uniformly drawn negatives is taken over a fixed sample of items drawn once per instance
 * (the history's own items left out), so a history always folds in to the same vector.
 *
 * <p>f is strictly convex for decay &gt; 0, and d is small, so it is minimised by Newton's method
 * from u = 0 with a backtracking line search (the first step from 0 is already a ridge-like
 * discriminant direction); it stops when the step is below 1e-4 of |u| or after
 * {@link #MAX_STEPS}. Cost per step: |history| x |negatives| (one exp, one log, d multiply-adds),
 * plus (|history| + |negatives|) x d^2 for the Hessian and a d^3 Cholesky solve.
 *
 * <p>Thread-safe: all state is read-only after construction; a call allocates its own buffers.
 */
public final class UserFoldIn {
    /**
     * Negative items the expectation is taken over (all items when the catalogue is smaller). On
     * CiteULike (MF-10) 256, 512 and 1024 negatives gave the same recall@20 of folded-in test
     * users (101.9-104.6% of their trained vectors'), and the cost is linear in it.
     */
    public static final int DEFAULT_NEGATIVES = 256;
    /** Newton steps at most. */
    public static final int MAX_STEPS = 25;
    /** Stop when a step moves u by less than this fraction of |u| (rankings no longer change). */
    private static final double TOLERANCE = 1e-4;
    /** The training loop's default L2 weight, for models whose file does not record theirs. */
    public static final double DEFAULT_DECAY = 0.01;

    private final int dim;
    private final float[] items;
    private final int numItems;
    private final double decay;
    private final int[] negatives;

    /**
     * Folds in over {@code scorer}'s item embeddings with the L2 weight {@code decay} the model was
     * trained with, taking the expectation over {@code negatives} items drawn with {@code seed}.
     */
    public UserFoldIn(FactorScorer scorer, double decay, int negatives, long seed) {
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("Invalid decay: " + decay);
        }
        if (negatives < 1) {
            throw new IllegalArgumentException("Invalid number of negatives: " + negatives);
        }
        this.dim = scorer.dim();
        this.items = scorer.itemEmbeddings();
        this.numItems = scorer.numItems();
        this.decay = Math.max(decay, 1e-6); // a tiny ridge keeps the Hessian invertible for decay 0
        this.negatives = sample(numItems, negatives, seed);
    }

    /** {@code count} distinct items in ascending order (all of them when there are fewer), by a partial Fisher-Yates shuffle. */
    private static int[] sample(int n, int count, long seed) {
        if (count >= n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] perm = new int[n];
        Arrays.setAll(perm, i -> i);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int q = 0; q < count; q++) {
            int r = q + rng.nextInt(n - q);
            int t = perm[q];
            perm[q] = perm[r];
            perm[r] = t;
        }
        int[] out = Arrays.copyOf(perm, count);
        Arrays.sort(out);
        return out;
    }

    public int dim() {
        return dim;
    }

    public double decay() {
        return decay;
    }

    /**
     * The user vector for a history of item indices (duplicates ignored). An empty history has no
     * preference to fit: its vector is 0 (every item scores 0).
     */
    public float[] foldIn(int[] history) {
        int[] pos = Arrays.stream(history).distinct().sorted().toArray();
        for (int i : pos) {
            if (i < 0 || i >= numItems) {
                throw new IllegalArgumentException("item index " + i + " outside 0.." + (numItems - 1));
            }
        }
        float[] out = new float[dim];
        if (pos.length == 0) {
            return out;
        }
        int[] neg = Arrays.stream(negatives).filter(j -> Arrays.binarySearch(pos, j) < 0).toArray();
        if (neg.length == 0) {
            return out; // the history is the whole catalogue: nothing to rank it above
        }
        double[] u = new double[dim];
        double[] sp = new double[pos.length];
        double[] sn = new double[neg.length];
        double[] g = new double[dim];
        double[][] h = new double[dim][dim];
        double[] gTrial = new double[dim];
        double[][] hTrial = new double[dim][dim];
        double[] step = new double[dim];
        double[] trial = new double[dim];
        double f = evaluate(u, pos, neg, sp, sn, g, h);
        for (int it = 0; it < MAX_STEPS; it++) {
            for (int d = 0; d < dim; d++) {
                step[d] = -g[d];
            }
            if (!solve(h, step)) {
                break;
            }
            double slope = 0;
            for (int d = 0; d < dim; d++) {
                slope += g[d] * step[d];
            }
            double t = 1;
            double next = Double.NaN;
            for (int back = 0; back < 30; back++, t /= 2) { // Armijo: sufficient decrease along the Newton direction
                for (int d = 0; d < dim; d++) {
                    trial[d] = u[d] + t * step[d];
                }
                next = evaluate(trial, pos, neg, sp, sn, gTrial, hTrial); // derivatives too: an accepted trial is the next point
                if (next <= f + 1e-4 * t * slope) {
                    break;
                }
            }
            if (!(next <= f)) {
                break; // no decrease possible in floating point: at the minimum
            }
            double stepNorm = 0;
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                stepNorm += (trial[d] - u[d]) * (trial[d] - u[d]);
                norm += trial[d] * trial[d];
                u[d] = trial[d];
            }
            double[] gSwap = g;
            g = gTrial;
            gTrial = gSwap;
            double[][] hSwap = h;
            h = hTrial;
            hTrial = hSwap;
            f = next;
            if (Math.sqrt(stepNorm) <= TOLERANCE * Math.sqrt(norm)) {
                break;
            }
        }
        for (int d = 0; d < dim; d++) {
            out[d] = (float) u[d];
        }
        return out;
    }

    /** f(u) for a history (for tests: the fold-in's vector minimises it). */
    double loss(float[] vector, int[] history) {
        int[] pos = Arrays.stream(history).distinct().sorted().toArray();
        int[] neg = Arrays.stream(negatives).filter(j -> Arrays.binarySearch(pos, j) < 0).toArray();
        double[] u = new double[dim];
        for (int d = 0; d < dim; d++) {
            u[d] = vector[d];
        }
        return evaluate(u, pos, neg, new double[pos.length], new double[neg.length], new double[dim], new double[dim][dim]);
    }

    private double dot(double[] u, int item) {
        double s = 0;
        int base = item * dim;
        for (int d = 0; d < dim; d++) {
            s += u[d] * items[base + d];
        }
        return s;
    }

    /**
     * f(u), and its gradient and Hessian into g and h, in one pass over the pairs. With
     * x_ij = s_i - s_j, the pair's loss is softplus(-x_ij), w_ij = sigmoid(-x_ij) and
     * c_ij = w_ij (1 - w_ij): grad = -mean w_ij (q_i - q_j) + decay u,
     * H = mean c_ij (q_i - q_j)(q_i - q_j)^T + decay I, expanded as sums over i and over j so no
     * pair costs more than one exp, one log and O(d).
     */
    private double evaluate(double[] u, int[] pos, int[] neg, double[] sp, double[] sn, double[] g, double[][] h) {
        for (int a = 0; a < pos.length; a++) {
            sp[a] = dot(u, pos[a]);
        }
        for (int b = 0; b < neg.length; b++) {
            sn[b] = dot(u, neg[b]);
        }
        double scale = 1.0 / ((double) pos.length * neg.length);
        double[] wNeg = new double[neg.length]; // sum over i of w_ij
        double[] cNeg = new double[neg.length]; // sum over i of c_ij
        double[] r = new double[dim];
        Arrays.fill(g, 0);
        for (double[] row : h) {
            Arrays.fill(row, 0);
        }
        double loss = 0;
        for (int a = 0; a < pos.length; a++) {
            double wPos = 0;
            double cPos = 0;
            Arrays.fill(r, 0); // r = sum over j of c_ij q_j
            for (int b = 0; b < neg.length; b++) {
                double x = sp[a] - sn[b];
                double e = Math.exp(-Math.abs(x));
                double w;
                if (x >= 0) {
                    loss += Math.log(1 + e); // Math.log is an intrinsic, log1p is not (the fold-in took 1.5x longer with it); e <= 1, so the rounding is harmless
                    w = e / (1 + e);
                } else {
                    loss += -x + Math.log(1 + e);
                    w = 1 / (1 + e);
                }
                double c = w * (1 - w);
                wPos += w;
                cPos += c;
                wNeg[b] += w;
                cNeg[b] += c;
                int base = neg[b] * dim;
                for (int d = 0; d < dim; d++) {
                    r[d] += c * items[base + d];
                }
            }
            int qi = pos[a] * dim;
            for (int d = 0; d < dim; d++) {
                double x = items[qi + d];
                g[d] -= wPos * x;
                for (int e = 0; e < dim; e++) {
                    h[d][e] += cPos * x * items[qi + e] - x * r[e] - r[d] * items[qi + e];
                }
            }
        }
        for (int b = 0; b < neg.length; b++) {
            int qj = neg[b] * dim;
            for (int d = 0; d < dim; d++) {
                double x = items[qj + d];
                g[d] += wNeg[b] * x;
                for (int e = 0; e < dim; e++) {
                    h[d][e] += cNeg[b] * x * items[qj + e];
                }
            }
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            norm += u[d] * u[d];
            g[d] = g[d] * scale + decay * u[d];
            for (int e = 0; e < dim; e++) {
                h[d][e] *= scale;
            }
            h[d][d] += decay;
        }
        return loss * scale + decay / 2 * norm;
    }

    /** Solves H x = b in place of b by Cholesky (H symmetric positive definite); false if it is not. */
    private static boolean solve(double[][] hIn, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = hIn[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return false;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        for (int i = 0; i < n; i++) { // L y = b
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * b[k];
            }
            b[i] = s / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) { // L^T x = y
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * b[k];
            }
            b[i] = s / l[i][i];
        }
        return true;
    }
}
