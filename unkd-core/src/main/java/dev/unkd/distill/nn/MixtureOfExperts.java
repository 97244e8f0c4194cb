package dev.unkd.distill.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reconstruction block shared by DE (Kang et al., <i>DE-RRD</i>, CIKM 2020, section 3.1) and
 * HTD's group assignment (Kang et al., <i>Topology Distillation for Recommender System</i>, KDD
 * 2021, section 4.2.1): E {@link Expert}s map a student embedding s to the teacher's space, a
 * selection network (linear layer + softmax) on the teacher embedding t gives p, a
 * {@link GumbelSoftmax} draw turns p into weights z, and the loss is
 * <pre>
 *   weight * || t - sum_e z_e f_e(s) ||^2
 * </pre>
 * Gradients reach the experts, the selection network (through the relaxation) and s; t is fixed.
 * With a single expert z = 1 and the selection network is unused, as in the authors' code.
 *
 * <p>{@code cutoff}: experts whose weight z_e is below it are skipped, forward and backward (their
 * share of the output and of the gradients is below cutoff relative to the others). With HTD's
 * temperature 0.1 most of 30 weights are below 1e-6, which makes the block several times cheaper;
 * 0 keeps every expert (exact).
 */
public final class MixtureOfExperts {
    private final Expert[] experts;
    private final Linear selection;
    private final GumbelSoftmax relaxation;
    private final double cutoff;
    private final int studentDim;
    private final int teacherDim;

    public MixtureOfExperts(ParameterLayout layout, int studentDim, int hidden, int teacherDim, int numExperts,
            ExpertActivation activation, GumbelSoftmax relaxation, double cutoff) {
        if (numExperts < 1) {
            throw new IllegalArgumentException("Invalid number of experts: " + numExperts);
        }
        if (!(cutoff >= 0) || cutoff >= 1) {
            throw new IllegalArgumentException("Invalid expert cutoff: " + cutoff + " (must be in [0, 1))");
        }
        this.experts = new Expert[numExperts];
        for (int e = 0; e < numExperts; e++) {
            experts[e] = new Expert(layout, studentDim, hidden, teacherDim, activation);
        }
        this.selection = new Linear(layout, teacherDim, numExperts);
        this.relaxation = relaxation;
        this.cutoff = cutoff;
        this.studentDim = studentDim;
        this.teacherDim = teacherDim;
    }

    public int numExperts() {
        return experts.length;
    }

    public Expert expert(int e) {
        return experts[e];
    }

    /** The selection network's linear layer (followed by a softmax). */
    public Linear selection() {
        return selection;
    }

    public GumbelSoftmax relaxation() {
        return relaxation;
    }

    public int studentDim() {
        return studentDim;
    }

    public int teacherDim() {
        return teacherDim;
    }

    /** Experts first, then the selection network, each with PyTorch's default init. */
    public void initialise(float[] params, SplittableRandom rng) {
        for (Expert e : experts) {
            e.initialise(params, rng);
        }
        selection.initialise(params, rng);
    }

    /** Scratch buffers for one thread. */
    public Workspace workspace() {
        return new Workspace(experts.length, experts[0].hidden(), teacherDim);
    }

    /** The selection network's probabilities p = softmax(t W + b) for teacher embedding t, into ws.p. */
    public float[] selectionProbabilities(float[] params, float[] t, int tOff, Workspace ws) {
        selection.forward(params, t, tOff, ws.logits, 0);
        Softmax.forward(ws.logits, 0, experts.length, ws.p, 0);
        return ws.p;
    }

    /**
     * weight * |t - sum_e z_e f_e(s)|^2 for one entity, with {@code noise} the entity's E Gumbel
     * draws. Adds weight-scaled gradients of the parameters to {@code grad} and of s to {@code ds}.
     */
    public double lossAndGradient(float[] params, float[] s, int sOff, float[] t, int tOff, float[] noise, int noiseOff, double weight,
            float[] grad, float[] ds, int dsOff, Workspace ws) {
        int n = experts.length;
        int hidden = experts[0].hidden();
        if (n == 1) {
            ws.z[0] = 1;
        } else {
            selectionProbabilities(params, t, tOff, ws);
            relaxation.forward(ws.p, 0, noise, noiseOff, n, ws.z, 0);
        }
        Arrays.fill(ws.mix, 0f);
        for (int e = 0; e < n; e++) {
            ws.active[e] = ws.z[e] >= cutoff;
            if (!ws.active[e]) {
                continue;
            }
            experts[e].forward(params, s, sOff, ws.h, e * hidden, ws.o, e * teacherDim);
            float ze = ws.z[e];
            for (int j = 0; j < teacherDim; j++) {
                ws.mix[j] += ze * ws.o[e * teacherDim + j];
            }
        }
        double loss = 0;
        float twoW = (float) (2 * weight);
        for (int j = 0; j < teacherDim; j++) {
            float d = ws.mix[j] - t[tOff + j];
            loss += (double) d * d;
            ws.dmix[j] = twoW * d;
        }
        for (int e = 0; e < n; e++) {
            if (!ws.active[e]) {
                ws.dz[e] = 0;
                continue;
            }
            int oe = e * teacherDim;
            float dz = 0;
            float ze = ws.z[e];
            for (int j = 0; j < teacherDim; j++) {
                dz += ws.dmix[j] * ws.o[oe + j];
                ws.dout[j] = ze * ws.dmix[j];
            }
            ws.dz[e] = dz;
            experts[e].backward(params, s, sOff, ws.h, e * hidden, ws.o, oe, ws.dout, 0, ws.dh, grad, ds, dsOff);
        }
        if (n > 1) {
            relaxation.backward(ws.p, 0, ws.z, 0, ws.dz, 0, n, ws.dp, 0);
            Softmax.backward(ws.p, 0, ws.dp, 0, n, ws.dlogits, 0);
            selection.backwardParameters(t, tOff, ws.dlogits, 0, grad);
        }
        return weight * loss;
    }

    /** Number of experts used for the last entity (weight at least the cutoff). */
    public int activeExperts(Workspace ws) {
        int k = 0;
        for (boolean a : ws.active) {
            k += a ? 1 : 0;
        }
        return k;
    }

    /** Per-thread scratch of {@link #lossAndGradient}. */
    public static final class Workspace {
        final float[] logits;
        final float[] p;
        final float[] z;
        final float[] dz;
        final float[] dp;
        final float[] dlogits;
        final boolean[] active;
        final float[] h;
        final float[] o;
        final float[] mix;
        final float[] dmix;
        final float[] dout;
        final float[] dh;

        Workspace(int experts, int hidden, int teacherDim) {
            logits = new float[experts];
            p = new float[experts];
            z = new float[experts];
            dz = new float[experts];
            dp = new float[experts];
            dlogits = new float[experts];
            active = new boolean[experts];
            h = new float[experts * hidden];
            o = new float[experts * teacherDim];
            mix = new float[teacherDim];
            dmix = new float[teacherDim];
            dout = new float[teacherDim];
            dh = new float[hidden];
        }

        /** The expert weights z of the last entity. */
        public float[] weights() {
            return z;
        }
    }
}
