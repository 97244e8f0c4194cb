package dev.unkd.distill.nn;

import java.util.SplittableRandom;

/**
 * FitNets' hint regression (Romero et al., <i>FitNets: Hints for Thin Deep Nets</i>, ICLR 2015,
 * section 2.2) on embeddings, as KD-for-recommendation comparisons use it (the KDs toolkit's
 * {@code Fit} with {@code fit_linear}): a {@link Linear} regressor W (and optional b) maps a
 * student embedding s to the teacher's space and the loss is
 * <pre>
 *   weight * || t - (s W + b) ||^2
 * </pre>
 * Gradients reach W, b and s; t is fixed. Cost per entity: 3 x in x out multiply-adds.
 */
public final class LinearProjection {
    private final Linear layer;

    public LinearProjection(ParameterLayout layout, int studentDim, int teacherDim, boolean withBias) {
        this.layer = new Linear(layout, studentDim, teacherDim, withBias);
    }

    public Linear layer() {
        return layer;
    }

    public int studentDim() {
        return layer.in();
    }

    public int teacherDim() {
        return layer.out();
    }

    /** PyTorch's default init of {@code nn.Linear}. */
    public void initialise(float[] params, SplittableRandom rng) {
        layer.initialise(params, rng);
    }

    /** A zero snapshot or gradient accumulator of the layer's shape. */
    public Linear.Weights zeros() {
        return layer.zeros();
    }

    /** Scratch of one thread: the projection and the output gradient. */
    public float[][] workspace() {
        return new float[2][layer.out()];
    }

    /**
     * weight * |t - (s W + b)|^2 for s = s[sOff..) and t = t[tOff..); adds the weight-scaled
     * parameter gradient to {@code g} and dL/ds to ds[dsOff..).
     */
    public double lossAndGradient(Linear.Weights w, float[] s, int sOff, float[] t, int tOff, double weight, Linear.Weights g, float[] ds,
            int dsOff, float[][] workspace) {
        int out = layer.out();
        float[] y = workspace[0];
        float[] dy = workspace[1];
        layer.forward(w, s, sOff, y);
        double loss = 0; // in double: finite differences of the loss resolve its gradient
        float twoW = (float) (2 * weight);
        for (int j = 0; j < out; j++) {
            float r = y[j] - t[tOff + j];
            loss += (double) r * r;
            dy[j] = twoW * r;
        }
        layer.backwardParameters(s, sOff, dy, g);
        layer.backwardInput(w, dy, ds, dsOff, null);
        return weight * loss;
    }
}
