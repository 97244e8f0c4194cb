package dev.unkd.distill.nn;

/** softmax(x)_i = exp(x_i) / sum_j exp(x_j), computed with the maximum subtracted so it never overflows. */
public final class Softmax {
    private Softmax() {
    }

    public static void forward(float[] x, int xOff, int n, float[] y, int yOff) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, x[xOff + k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double e = Math.exp(x[xOff + k] - max);
            y[yOff + k] = (float) e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int k = 0; k < n; k++) {
            y[yOff + k] *= inv;
        }
    }

    /** Writes dL/dx_i = y_i (dy_i - sum_j y_j dy_j) given the output y and dL/dy. */
    public static void backward(float[] y, int yOff, float[] dy, int dyOff, int n, float[] dx, int dxOff) {
        double dot = 0;
        for (int k = 0; k < n; k++) {
            dot += (double) y[yOff + k] * dy[dyOff + k];
        }
        for (int k = 0; k < n; k++) {
            dx[dxOff + k] = (float) (y[yOff + k] * (dy[dyOff + k] - dot));
        }
    }
}
