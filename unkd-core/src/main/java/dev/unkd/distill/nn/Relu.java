package dev.unkd.distill.nn;

/** The rectifier max(0, x), applied in place; its derivative at 0 is taken as 0, as PyTorch does. */
public final class Relu {
    private Relu() {
    }

    public static void forward(float[] x, int off, int n) {
        for (int k = off; k < off + n; k++) {
            x[k] = Math.max(0f, x[k]);
        }
    }

    /** Zeroes the gradient {@code dy} where the output {@code y} was not positive. */
    public static void backward(float[] y, int yOff, float[] dy, int dyOff, int n) {
        for (int k = 0; k < n; k++) {
            if (!(y[yOff + k] > 0)) {
                dy[dyOff + k] = 0;
            }
        }
    }
}
