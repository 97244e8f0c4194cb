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
