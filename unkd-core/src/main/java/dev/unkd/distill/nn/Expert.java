package dev.unkd.distill.nn;

import java.util.SplittableRandom;

/**
 * A two-layer perceptron from the student's embedding space to the teacher's (DE's expert, HTD's
 * group-wise f): in -&gt; hidden -&gt; out, with the ReLU after the first or the second layer
 * ({@link ExpertActivation}). Cost per row: in x hidden + hidden x out multiply-adds forward, about
 * twice that backward.
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

    /** Writes the hidden units h and the output o for input x. */
    public void forward(float[] params, float[] x, int xOff, float[] h, int hOff, float[] o, int oOff) {
        first.forward(params, x, xOff, h, hOff);
        if (activation == ExpertActivation.HIDDEN) {
            Relu.forward(h, hOff, hidden());
        }
        second.forward(params, h, hOff, o, oOff);
        if (activation == ExpertActivation.OUTPUT) {
            Relu.forward(o, oOff, out());
        }
    }

    /**
     * Given dL/do in {@code dout} (overwritten: masked by the output ReLU if any), adds the
     * parameter gradients to {@code grad} and, if {@code dx} is not null, dL/dx to {@code dx}.
     * {@code dh} is scratch of {@link #hidden()} floats.
     */
    public void backward(float[] params, float[] x, int xOff, float[] h, int hOff, float[] o, int oOff, float[] dout, int dOff,
            float[] dh, float[] grad, float[] dx, int dxOff) {
        int hidden = hidden();
        if (activation == ExpertActivation.OUTPUT) {
            Relu.backward(o, oOff, dout, dOff, out());
        }
        second.backwardParameters(h, hOff, dout, dOff, grad);
        java.util.Arrays.fill(dh, 0, hidden, 0f);
        if (activation == ExpertActivation.HIDDEN) {
            second.backwardInputWhere(params, dout, dOff, dh, 0, h, hOff); // dead hidden units get no gradient
        } else {
            second.backwardInput(params, dout, dOff, dh, 0);
        }
        first.backwardParameters(x, xOff, dh, 0, grad);
        if (dx != null) {
            first.backwardInput(params, dh, 0, dx, dxOff);
        }
    }
}
