package dev.unkd.distill.nn;

import java.util.SplittableRandom;

/**
 * A two-layer perceptron from the student's embedding space to the teacher's (DE's expert, HTD's
 * group-wise f): in -&gt; hidden -&gt; out, with the ReLU after the first or the second layer
 * ({@link ExpertActivation}). Cost per row: in x hidden + hidden x out multiply-adds forward, about
 * twice that backward (less the dead hidden units).
 */
public final class Expert {
    private final Linear first;
    private final Linear second;
    private final ExpertActivation activation;

    public Expert(ParameterLayout layout, int in, int hidden, int out, ExpertActivation activation) {
        this.first = new Linear(layout, in, hidden);
        this.second = new Linear(layout, hidden, out);
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
    }

    public int in() {
        return first.in();
    }

    public int hidden() {
        return first.out();
    }

    public int out() {
        return second.out();
    }

    public Linear first() {
        return first;
    }

    public Linear second() {
        return second;
    }

    public void initialise(float[] params, SplittableRandom rng) {
        first.initialise(params, rng);
        second.initialise(params, rng);
    }

    /** Zero weights of this expert's shape. */
    public Weights zeros() {
        return new Weights(first.zeros(), second.zeros());
    }

    public void unpack(float[] params, Weights w) {
        first.unpack(params, w.first);
        second.unpack(params, w.second);
    }

    public void addTo(Weights g, float[] flat) {
        first.addTo(g.first, flat);
        second.addTo(g.second, flat);
    }

    /** Writes the hidden units h[0..hidden) and the output o[0..out) for x[xOff..). */
    public void forward(Weights w, float[] x, int xOff, float[] h, float[] o) {
        first.forward(w.first, x, xOff, h);
        if (activation == ExpertActivation.HIDDEN) {
            Relu.forward(h, 0, hidden());
        }
        second.forward(w.second, h, 0, o);
        if (activation == ExpertActivation.OUTPUT) {
            Relu.forward(o, 0, out());
        }
    }

    /**
     * Given dL/do in {@code dout} (overwritten: masked by the output ReLU if any), adds the
     * parameter gradients to {@code g} and, if {@code dx} is not null, dL/dx to dx[dxOff..).
     * {@code dh} is scratch of {@link #hidden()} floats.
     */
    public void backward(Weights w, float[] x, int xOff, float[] h, float[] o, float[] dout, float[] dh, Weights g, float[] dx,
            int dxOff) {
        if (activation == ExpertActivation.OUTPUT) {
            Relu.backward(o, 0, dout, 0, out());
        }
        second.backwardParameters(h, 0, dout, g.second);
        java.util.Arrays.fill(dh, 0, hidden(), 0f);
        // behind the hidden ReLU, dead units get no gradient: skip them
        second.backwardInput(w.second, dout, dh, 0, activation == ExpertActivation.HIDDEN ? h : null);
        first.backwardParameters(x, xOff, dh, g.first);
        if (dx != null) {
            first.backwardInput(w.first, dh, dx, dxOff, null);
        }
    }

    /**
     * {@link #forward} for m inputs held column-wise (student input i is column i of st[0..in));
     * writes the hidden units to ht[0..hidden) and the outputs to ot[0..out), the same floats as
     * m calls of {@link #forward}.
     */
    public void forwardColumns(Weights w, float[][] st, int m, float[][] ht, float[][] ot) {
        first.forwardColumns(w.first, st, m, ht);
        if (activation == ExpertActivation.HIDDEN) {
            reluRows(ht, hidden(), m);
        }
        second.forwardColumns(w.second, ht, m, ot);
        if (activation == ExpertActivation.OUTPUT) {
            reluRows(ot, out(), m);
        }
    }

    private static void reluRows(float[][] rows, int n, int m) {
        for (int r = 0; r < n; r++) {
            Relu.forward(rows[r], 0, m);
        }
    }

    /**
     * {@link #backward} for m inputs held column-wise: given dL/do in {@code dot} (overwritten:
     * masked by the output ReLU if any), adds the parameter gradients to {@code g} and writes dL/ds
     * to dst[0..in). {@code dht} is scratch of hidden rows, {@code acc} of four, {@code rows} of m
     * rows of max(hidden, out) floats and {@code live} of m ints. Adding dst to zero gives the floats of
     * {@link #backward}.
     */
    public void backwardColumns(Weights w, float[][] st, float[][] ht, float[][] ot, float[][] dot, int m, float[][] dht, float[][] dst,
            Weights g, float[][] acc, float[][] rows, int[] live) {
        if (activation == ExpertActivation.OUTPUT) {
            for (int j = 0; j < out(); j++) {
                Relu.backward(ot[j], 0, dot[j], 0, m);
            }
        }
        second.backwardParametersColumns(ht, dot, m, g.second, rows, live);
        second.backwardInputColumns(w.second, dot, m, dht, acc);
        if (activation == ExpertActivation.HIDDEN) {
            // dead units get no gradient
            for (int k = 0; k < hidden(); k++) {
                Relu.backward(ht[k], 0, dht[k], 0, m);
            }
        }
        first.backwardParametersColumns(st, dht, m, g.first, rows, live);
        first.backwardInputColumns(w.first, dht, m, dst, acc);
    }

    /** An expert's two layers unpacked (or their gradient). */
    public static final class Weights {
        final Linear.Weights first;
        final Linear.Weights second;

        Weights(Linear.Weights first, Linear.Weights second) {
            this.first = first;
            this.second = second;
        }

        public void clear() {
            first.clear();
            second.clear();
        }
    }
}
