package dev.unkd.distill.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense layer y = x W + b from {@code in} to {@code out} units. Its parameters live in a flat
 * array ({@link ParameterLayout}: W input-major, then b), which the optimiser steps; the kernels
 * compute on an unpacked copy, {@link Weights}, one zero-based array per input row. That is what
 * lets the JIT vectorise the loops over the outputs: HotSpot's C2 (Java 17) vectorises
 * {@code y[j] += a * w[j]} but not {@code y[j] += a * w[off + j]}, about 8x slower on AVX-512.
 * Cost per row: in x out multiply-adds for each of forward, weight gradient and input gradient.
 */
public final class Linear {
    private final int in;
    private final int out;
    private final int weights;
    private final int bias;
    /** The j of each of {@link #dot}'s four partial sums over out terms, in the order it adds them. */
    private final int[][] dotOrder;
    /** Inputs accumulated per pass of {@link #backwardParametersColumns}. */
    public static final int BLOCK = 8;

    public Linear(ParameterLayout layout, int in, int out) {
        this(layout, in, out, true);
    }

    /**
     * A layer with or without its bias b (without: y = x W, no parameters reserved for b, whose
     * unpacked copy stays zero; FitNet's projector, as {@code nn.Linear(..., bias=False)}).
     */
    public Linear(ParameterLayout layout, int in, int out, boolean withBias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Invalid linear layer shape: " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.weights = layout.reserve(Math.multiplyExact(in, out));
        this.bias = withBias ? layout.reserve(out) : -1;
        this.dotOrder = dotOrder(out);
    }

    /** For each of {@link #dot}'s four partial sums over n terms, the indices it adds, in order. */
    static int[][] dotOrder(int n) {
        int quads = n / 4 * 4;
        int[][] order = new int[4][];
        for (int r = 0; r < 4; r++) {
            int extra = r == 0 ? n - quads : 0;
            order[r] = new int[quads / 4 + extra];
            for (int q = 0; q < quads / 4; q++) {
                order[r][q] = 4 * q + r;
            }
            for (int x = 0; x < extra; x++) {
                order[r][quads / 4 + x] = quads + x;
            }
        }
        return order;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Offset of W[k][j] (input k, output j) in the flat parameter array. */
    public int weightOffset(int k, int j) {
        return weights + k * out + j;
    }

    /** Offset of b[j] in the flat parameter array (the layer must have a bias). */
    public int biasOffset(int j) {
        if (bias < 0) {
            throw new IllegalStateException("layer without bias");
        }
        return bias + j;
    }

    /**
     * PyTorch's default init of {@code nn.Linear} (Kaiming-uniform with a = sqrt(5)): weights and
     * bias uniform in (-1/sqrt(in), 1/sqrt(in)).
     */
    public void initialise(float[] params, SplittableRandom rng) {
        double bound = 1 / Math.sqrt(in);
        for (int k = weights; k < weights + in * out; k++) {
            params[k] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        if (bias >= 0) {
            for (int j = bias; j < bias + out; j++) {
                params[j] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
        }
    }

    /** A zero {@link Weights} of this layer's shape (e.g. a gradient accumulator). */
    public Weights zeros() {
        return new Weights(in, out);
    }

    /** Copies this layer's parameters from the flat array into {@code w}. */
    public void unpack(float[] params, Weights w) {
        for (int k = 0; k < in; k++) {
            System.arraycopy(params, weights + k * out, w.rows[k], 0, out);
        }
        if (bias >= 0) {
            System.arraycopy(params, bias, w.bias, 0, out);
        }
    }

    /** Adds {@code g} to this layer's region of the flat array {@code flat}. */
    public void addTo(Weights g, float[] flat) {
        for (int k = 0; k < in; k++) {
            float[] row = g.rows[k];
            int base = weights + k * out;
            for (int j = 0; j < out; j++) {
                flat[base + j] += row[j];
            }
        }
        if (bias >= 0) {
            for (int j = 0; j < out; j++) {
                flat[bias + j] += g.bias[j];
            }
        }
    }

    /** y[0..out) = b + sum_k x[xOff + k] W[k]; zero inputs (after a ReLU) are skipped. */
    public void forward(Weights w, float[] x, int xOff, float[] y) {
        System.arraycopy(w.bias, 0, y, 0, out);
        for (int k = 0; k < in; k++) {
            float xk = x[xOff + k];
            if (xk == 0) {
                continue;
            }
            float[] row = w.rows[k];
            for (int j = 0; j < out; j++) {
                y[j] += xk * row[j];
            }
        }
    }

    /** Adds dL/dW = x (outer) dy and dL/db = dy to {@code g}, for dy in dy[0..out). */
    public void backwardParameters(float[] x, int xOff, float[] dy, Weights g) {
        for (int k = 0; k < in; k++) {
            float xk = x[xOff + k];
            if (xk == 0) {
                continue;
            }
            float[] row = g.rows[k];
            for (int j = 0; j < out; j++) {
                row[j] += xk * dy[j];
            }
        }
        float[] b = g.bias;
        for (int j = 0; j < out; j++) {
            b[j] += dy[j];
        }
    }

    /**
     * Adds dL/dx = W dy to dx[dxOff..), only for inputs with {@code live[k] > 0} when {@code live}
     * is not null (a layer fed by a ReLU: the others get no gradient and cost nothing).
     */
    public void backwardInput(Weights w, float[] dy, float[] dx, int dxOff, float[] live) {
        for (int k = 0; k < in; k++) {
            if (live != null && !(live[k] > 0)) {
                continue;
            }
            dx[dxOff + k] += dot(w.rows[k], dy, out);
        }
    }

    /**
     * The batched {@link #forward} on m inputs held column-wise (input i is column i of the rows
     * xt[0..in), output i column i of yt[0..out)): yt[j][i] = b[j] + sum_k W[k][j] xt[k][i]. Each
     * output is summed in {@link #forward}'s order (k ascending), so the floats are the same; the
     * inner loops run along the m inputs, which C2 vectorises, four k per pass so that the output
     * row is loaded and stored once per four multiply-adds. Cost: in x out x m multiply-adds.
     */
    public void forwardColumns(Weights w, float[][] xt, int m, float[][] yt) {
        for (int j = 0; j < out; j++) {
            float[] y = yt[j];
            int k = 0;
            if (in >= 4) { // the first pass starts from the bias, without a fill
                float b = w.bias[j];
                float w0 = w.rows[0][j];
                float w1 = w.rows[1][j];
                float w2 = w.rows[2][j];
                float w3 = w.rows[3][j];
                float[] x0 = xt[0];
                float[] x1 = xt[1];
                float[] x2 = xt[2];
                float[] x3 = xt[3];
                for (int i = 0; i < m; i++) {
                    y[i] = (((b + w0 * x0[i]) + w1 * x1[i]) + w2 * x2[i]) + w3 * x3[i];
                }
                k = 4;
            } else {
                Arrays.fill(y, 0, m, w.bias[j]);
            }
            for (; k + 3 < in; k += 4) {
                float w0 = w.rows[k][j];
                float w1 = w.rows[k + 1][j];
                float w2 = w.rows[k + 2][j];
                float w3 = w.rows[k + 3][j];
                float[] x0 = xt[k];
                float[] x1 = xt[k + 1];
                float[] x2 = xt[k + 2];
                float[] x3 = xt[k + 3];
                for (int i = 0; i < m; i++) {
                    y[i] = (((y[i] + w0 * x0[i]) + w1 * x1[i]) + w2 * x2[i]) + w3 * x3[i];
                }
            }
            for (; k < in; k++) {
                float wk = w.rows[k][j];
                float[] x = xt[k];
                for (int i = 0; i < m; i++) {
                    y[i] += wk * x[i];
                }
            }
        }
    }

    /**
     * The batched {@link #backwardInput} without a live mask, column-wise as {@link #forwardColumns}:
     * overwrites dxt[k][0..m) with sum_j W[k][j] dyt[j][i], each sum in {@link #dot}'s order (four
     * partial sums over j mod 4, the remainder in the first), so adding it to zero gives the same
     * float as {@link #backwardInput}. {@code acc} is scratch of four rows of m floats.
     */
    public void backwardInputColumns(Weights w, float[][] dyt, int m, float[][] dxt, float[][] acc) {
        for (int k = 0; k < in; k++) {
            float[] wk = w.rows[k];
            for (int r = 0; r < 4; r++) {
                float[] a = acc[r];
                int[] order = dotOrder[r];
                int q = 0;
                if (order.length >= 4) { // the first pass starts from 0 (as dot's partial sums), without a fill
                    float w0 = wk[order[0]];
                    float w1 = wk[order[1]];
                    float w2 = wk[order[2]];
                    float w3 = wk[order[3]];
                    float[] d0 = dyt[order[0]];
                    float[] d1 = dyt[order[1]];
                    float[] d2 = dyt[order[2]];
                    float[] d3 = dyt[order[3]];
                    for (int i = 0; i < m; i++) {
                        a[i] = (((0f + w0 * d0[i]) + w1 * d1[i]) + w2 * d2[i]) + w3 * d3[i];
                    }
                    q = 4;
                } else {
                    Arrays.fill(a, 0, m, 0f);
                }
                for (; q + 3 < order.length; q += 4) {
                    float w0 = wk[order[q]];
                    float w1 = wk[order[q + 1]];
                    float w2 = wk[order[q + 2]];
                    float w3 = wk[order[q + 3]];
                    float[] d0 = dyt[order[q]];
                    float[] d1 = dyt[order[q + 1]];
                    float[] d2 = dyt[order[q + 2]];
                    float[] d3 = dyt[order[q + 3]];
                    for (int i = 0; i < m; i++) {
                        a[i] = (((a[i] + w0 * d0[i]) + w1 * d1[i]) + w2 * d2[i]) + w3 * d3[i];
                    }
                }
                for (; q < order.length; q++) {
                    float wj = wk[order[q]];
                    float[] d = dyt[order[q]];
                    for (int i = 0; i < m; i++) {
                        a[i] += wj * d[i];
                    }
                }
            }
            float[] dx = dxt[k];
            float[] a0 = acc[0];
            float[] a1 = acc[1];
            float[] a2 = acc[2];
            float[] a3 = acc[3];
            for (int i = 0; i < m; i++) {
                dx[i] = (a0[i] + a1[i]) + (a2[i] + a3[i]);
            }
        }
    }

    /**
     * The batched {@link #backwardParameters}: adds sum_i xt[k][i] dyt[j][i] to W[k][j] and
     * sum_i dyt[j][i] to b[j], the inputs i taken in ascending order as m calls of
     * {@link #backwardParameters} would, which also skip zero inputs (same floats). The outputs
     * are transposed once into {@code rows} (scratch of at least m rows of out floats); then per
     * input k its nonzero entries (about half, behind a ReLU) go eight at a time, so that the inner
     * loops run along the outputs with one load and store of the gradient row per four
     * multiply-adds. {@code live} is scratch of m ints.
     */
    public void backwardParametersColumns(float[][] xt, float[][] dyt, int m, Weights g, float[][] rows, int[] live) {
        for (int j = 0; j < out; j++) {
            float[] d = dyt[j];
            for (int i = 0; i < m; i++) {
                rows[i][j] = d[i];
            }
        }
        for (int k = 0; k < in; k++) {
            float[] x = xt[k];
            int n = 0;
            for (int i = 0; i < m; i++) {
                live[n] = i;
                n += x[i] != 0 ? 1 : 0;
            }
            accumulateRows(x, live, n, rows, g.rows[k]);
        }
        for (int i = 0; i < m; i++) {
            live[i] = i;
        }
        accumulateRows(null, live, m, rows, g.bias);
    }

    /** target[j] += sum_q x[idx[q]] rows[idx[q]][j] over q ascending in [0, n) (x null: coefficients 1). */
    private void accumulateRows(float[] x, int[] idx, int n, float[][] rows, float[] target) {
        int q = 0;
        for (; q + BLOCK <= n; q += BLOCK) {
            int i0 = idx[q];
            int i1 = idx[q + 1];
            int i2 = idx[q + 2];
            int i3 = idx[q + 3];
            int i4 = idx[q + 4];
            int i5 = idx[q + 5];
            int i6 = idx[q + 6];
            int i7 = idx[q + 7];
            float a0 = x == null ? 1f : x[i0];
            float a1 = x == null ? 1f : x[i1];
            float a2 = x == null ? 1f : x[i2];
            float a3 = x == null ? 1f : x[i3];
            float a4 = x == null ? 1f : x[i4];
            float a5 = x == null ? 1f : x[i5];
            float a6 = x == null ? 1f : x[i6];
            float a7 = x == null ? 1f : x[i7];
            float[] d0 = rows[i0];
            float[] d1 = rows[i1];
            float[] d2 = rows[i2];
            float[] d3 = rows[i3];
            float[] d4 = rows[i4];
            float[] d5 = rows[i5];
            float[] d6 = rows[i6];
            float[] d7 = rows[i7];
            // two passes of four terms, not one of eight: C2 (Java 17) leaves the eight-term loop scalar and
            // vectorises the four-term one, 1.7x (55 outputs) to 2.7x (100) faster with the same floats
            for (int j = 0; j < out; j++) {
                target[j] = (((target[j] + a0 * d0[j]) + a1 * d1[j]) + a2 * d2[j]) + a3 * d3[j];
            }
            for (int j = 0; j < out; j++) {
                target[j] = (((target[j] + a4 * d4[j]) + a5 * d5[j]) + a6 * d6[j]) + a7 * d7[j];
            }
        }
        for (; q < n; q++) {
            float a = x == null ? 1f : x[idx[q]];
            float[] d = rows[idx[q]];
            for (int j = 0; j < out; j++) {
                target[j] += a * d[j];
            }
        }
    }

    /** sum_j a[j] b[j] with four accumulators (C2 does not vectorise float sums; this hides the add latency). */
    static float dot(float[] a, float[] b, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** A layer's weights (or their gradient) unpacked: one zero-based row per input, and the bias. */
    public static final class Weights {
        final float[][] rows;
        final float[] bias;

        Weights(int in, int out) {
            rows = new float[in][out];
            bias = new float[out];
        }

        /** W[k][j]. */
        public float weight(int k, int j) {
            return rows[k][j];
        }

        public float bias(int j) {
            return bias[j];
        }

        public void clear() {
            for (float[] r : rows) {
                Arrays.fill(r, 0f);
            }
            Arrays.fill(bias, 0f);
        }
    }
}
