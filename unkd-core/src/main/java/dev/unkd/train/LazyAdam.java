package dev.unkd.train;

import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.RowSet;
import dev.unkd.parallel.ChunkedExecutor;

/**
 * Adam with PyTorch's whole-table semantics at the cost of touched rows only. A row whose
 * gradient is zero for steps t0+1..t1 keeps moving: its moments only decay (m_s = b1^(s-t0) m,
 * v_s = b2^(s-t0) v), so step s moves an element by lr * m * r^j c_s / (sqrt(v) + eps e_s),
 * j = s - t0, r = b1 / sqrt(b2), c_s = sqrt(1 - b2^s) / (1 - b1^s), e_s = sqrt(1 - b2^s) / b2^(j/2).
 * The sum over the skipped steps is applied when the row is next touched or at {@link #flush()},
 * as lr * m / (sqrt(v) / F + eps / H) with the row-independent sums F = sum_s r^j c_s (the limit
 * sqrt(v) &gt;&gt; eps) and H = sum_s b1^j / (1 - b1^s) (the limit sqrt(v) &lt;&lt; eps): exact in both
 * limits and for a one-step gap, and between them within a few per cent of {@link DenseAdam}.
 * Dropping eps instead (F alone) moves elements with tiny gradients (|g| far below eps, e.g. a
 * distillation term of weight 0.01 on the teacher's 30th item) by a full step in the direction of
 * their stale momentum on every skipped step, where Adam barely moves them; that diverged RD at
 * low KD weights (docs/DISTILLERS.md).
 */
public final class LazyAdam implements Optimizer {
    /** Terms of F beyond this are below (b1/sqrt(b2))^400, about 1e-18, and dropped. */
    private static final int MAX_TERMS = 400;
    private static final int CHUNK_ROWS = 256;

    private final EmbeddingTable table;
    private AdamConfig config;
    private final ChunkedExecutor executor;
    private final float[] m;
    private final float[] v;
    private final int[] last;
    private final int dim;
    /** correction[s] = sqrt(1 - b2^s) / (1 - b1^s), grown before each parallel phase. */
    private double[] correction = new double[1];
    /** firstMoment[s] = 1 / (1 - b1^s), the bias correction of m alone (the eps-dominated limit), grown with correction. */
    private double[] firstMoment = new double[1];
    private final double[] near = new double[MAX_TERMS];
    private final double[] nearEps = new double[MAX_TERMS];
    private final double[] pow1 = new double[MAX_TERMS];
    private final double[] pow2 = new double[MAX_TERMS];
    private int t;

    public LazyAdam(EmbeddingTable table, AdamConfig config, ChunkedExecutor executor) {
        this.table = table;
        this.config = config;
        this.executor = executor;
        this.dim = table.dim();
        this.m = new float[table.data().length];
        this.v = new float[table.data().length];
        this.last = new int[table.rows()];
        for (int g = 0; g < MAX_TERMS; g++) {
            pow1[g] = Math.pow(config.beta1(), g);
            pow2[g] = Math.pow(config.beta2(), g);
        }
    }

    @Override
    public void step(float[] grad, RowSet touched) {
        t++;
        int step = t;
        prepareCatchUp(step - 1);
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float stepSize = (float) (config.lr() / (1 - Math.pow(config.beta1(), step)));
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(config.beta2(), step));
        float eps = (float) config.eps();
        float[] p = table.data();
        int n = touched.size();
        executor.run(ChunkedExecutor.chunks(n, CHUNK_ROWS), c -> {
            int to = Math.min(n, (c + 1) * CHUNK_ROWS);
            for (int k = c * CHUNK_ROWS; k < to; k++) {
                int row = touched.get(k);
                catchUp(row, step - 1);
                int base = row * dim;
                for (int d = base; d < base + dim; d++) {
                    float g = grad[d];
                    float mk = b1 * m[d] + (1 - b1) * g;
                    float vk = b2 * v[d] + (1 - b2) * g * g;
                    m[d] = mk;
                    v[d] = vk;
                    p[d] -= stepSize * mk / ((float) Math.sqrt(vk) / sqrtBc2 + eps);
                }
                last[row] = step;
            }
        });
    }

    /** Applies the zero-gradient steps last[row]+1..upTo to a row; {@link #prepareCatchUp(int)} must have run for upTo. */
    private void catchUp(int row, int upTo) {
        int t0 = last[row];
        int gap = upTo - t0;
        if (gap <= 0) {
            return;
        }
        last[row] = upTo;
        if (t0 == 0) {
            return; // never touched: m = v = 0, the row has not moved
        }
        float lr = (float) config.lr();
        float invF = (float) (1 / (gap < MAX_TERMS ? near[gap] : tail(correction, config.beta1() / Math.sqrt(config.beta2()), t0)));
        float epsOverH = (float) (config.eps() / (gap < MAX_TERMS ? nearEps[gap] : tail(firstMoment, config.beta1(), t0)));
        float decay1 = gap < MAX_TERMS ? (float) pow1[gap] : 0f;
        float decay2 = (float) (gap < MAX_TERMS ? pow2[gap] : Math.pow(config.beta2(), gap));
        float[] p = table.data();
        int base = row * dim;
        for (int d = base; d < base + dim; d++) {
            float vd = v[d];
            p[d] -= lr * m[d] / ((float) Math.sqrt(vd) * invF + epsOverH); // eps / H > 0: an element with m = v = 0 stays put
            m[d] *= decay1;
            v[d] = vd * decay2;
        }
    }

    /**
     * Fills near[g] = F and nearEps[g] = H for a row last updated at upTo - g, catching up through
     * step upTo: F(t0) = sum_{s=t0+1..upTo} r^(s-t0) c_s satisfies F(t0 - 1) = r (c_t0 + F(t0)), and
     * H likewise with b1 and 1 / (1 - b1^s), so all gaps below MAX_TERMS cost O(MAX_TERMS) per step
     * instead of per row.
     */
    private void prepareCatchUp(int upTo) {
        growCorrections(upTo + MAX_TERMS + 1);
        double r = config.beta1() / Math.sqrt(config.beta2());
        double b1 = config.beta1();
        near[0] = 0;
        nearEps[0] = 0;
        for (int g = 1; g < MAX_TERMS && g <= upTo; g++) {
            near[g] = r * (correction[upTo - g + 1] + near[g - 1]);
            nearEps[g] = b1 * (firstMoment[upTo - g + 1] + nearEps[g - 1]);
        }
    }

    /** sum_{j=1..MAX_TERMS} ratio^j terms[t0 + j], a sum for a gap of at least MAX_TERMS steps: later terms are below 1e-18 and dropped. */
    private static double tail(double[] terms, double ratio, int t0) {
        double f = 0;
        double rj = 1;
        for (int j = 1; j <= MAX_TERMS; j++) {
            rj *= ratio;
            f += rj * terms[t0 + j];
        }
        return f;
    }

    private void growCorrections(int upTo) {
        if (correction.length > upTo) {
            return;
        }
        double[] grown = java.util.Arrays.copyOf(correction, Math.max(upTo + 1, correction.length * 2));
        double[] grownFirst = java.util.Arrays.copyOf(firstMoment, grown.length);
        for (int s = correction.length; s < grown.length; s++) {
            grownFirst[s] = 1 / (1 - Math.pow(config.beta1(), s));
            grown[s] = Math.sqrt(1 - Math.pow(config.beta2(), s)) * grownFirst[s];
        }
        correction = grown;
        firstMoment = grownFirst;
    }

    @Override
    public void flush() {
        int rows = table.rows();
        int upTo = t;
        prepareCatchUp(upTo);
        executor.run(ChunkedExecutor.chunks(rows, CHUNK_ROWS), c -> {
            int to = Math.min(rows, (c + 1) * CHUNK_ROWS);
            for (int row = c * CHUNK_ROWS; row < to; row++) {
                catchUp(row, upTo);
            }
        });
    }

    @Override
    public void setLearningRate(double lr) {
        flush();
        config = new AdamConfig(lr, config.beta1(), config.beta2(), config.eps());
    }

    @Override
    public EmbeddingTable table() {
        return table;
    }
}
