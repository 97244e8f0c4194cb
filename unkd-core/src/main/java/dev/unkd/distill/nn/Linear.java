package dev.unkd.distill.nn;

import java.util.SplittableRandom;

/**
 * A dense layer y = x W + b from {@code in} to {@code out} units. W is stored input-major (the
 * {@code out} weights of input k are consecutive), so the forward pass and the weight gradient
 * are contiguous axpy loops over the outputs, which the JIT vectorises. Cost: in x out
 * multiply-adds per row for each of forward, weight gradient and input gradient.
 */
public final class Linear {
    private final int in;
    private final int out;
    private final int weights;
    private final int bias;

    public Linear(ParameterLayout layout, int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Invalid linear layer shape: " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.weights = layout.reserve(Math.multiplyExact(in, out));
        this.bias = layout.reserve(out);
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Offset of W[k][j] (input k, output j) in the parameter array. */
    public int weightOffset(int k, int j) {
        return weights + k * out + j;
    }

    /** Offset of b[j]. */
    public int biasOffset(int j) {
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
        for (int j = bias; j < bias + out; j++) {
            params[j] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
    }

    /** y[yOff .. yOff+out) = b + sum_k x[xOff+k] W[k]. Zero inputs (after a ReLU) are skipped. */
    public void forward(float[] params, float[] x, int xOff, float[] y, int yOff) {
        System.arraycopy(params, bias, y, yOff, out);
        for (int k = 0; k < in; k++) {
            float xk = x[xOff + k];
            if (xk == 0) {
                continue;
            }
            int row = weights + k * out;
            for (int j = 0; j < out; j++) {
                y[yOff + j] += xk * params[row + j];
            }
        }
    }

    /** Adds dL/dW = x (outer) dy and dL/db = dy to {@code grad}. */
    public void backwardParameters(float[] x, int xOff, float[] dy, int dyOff, float[] grad) {
        for (int k = 0; k < in; k++) {
            float xk = x[xOff + k];
            if (xk == 0) {
                continue;
            }
            int row = weights + k * out;
            for (int j = 0; j < out; j++) {
                grad[row + j] += xk * dy[dyOff + j];
            }
        }
        for (int j = 0; j < out; j++) {
            grad[bias + j] += dy[dyOff + j];
        }
    }

    /**
     * Adds dL/dx = W dy to {@code dx} only where {@code where[whereOff + k] > 0}: the input gradient
     * of a layer fed by a ReLU, whose other inputs get no gradient, at the cost of the live inputs only.
     */
    public void backwardInputWhere(float[] params, float[] dy, int dyOff, float[] dx, int dxOff, float[] where, int whereOff) {
        for (int k = 0; k < in; k++) {
            if (!(where[whereOff + k] > 0)) {
                continue;
            }
            int row = weights + k * out;
            float s = 0;
            for (int j = 0; j < out; j++) {
                s += params[row + j] * dy[dyOff + j];
            }
            dx[dxOff + k] += s;
        }
    }

    /** Adds dL/dx = W dy to {@code dx}. */
    public void backwardInput(float[] params, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int k = 0; k < in; k++) {
            int row = weights + k * out;
            float s = 0;
            for (int j = 0; j < out; j++) {
                s += params[row + j] * dy[dyOff + j];
            }
            dx[dxOff + k] += s;
        }
    }
}
