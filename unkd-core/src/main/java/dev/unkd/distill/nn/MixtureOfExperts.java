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
 *
 * <p>The parameters live in a flat array; {@link #unpack} copies them into a {@link Weights}
 * snapshot the kernels read (refresh it after every optimiser step), and gradients accumulate in
 * a {@link Weights} of the same shape, flattened by {@link #addTo}.
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
        this.relaxation = java.util.Objects.requireNonNull(relaxation, "relaxation");
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

    /** Zero weights of this block's shape: a snapshot to {@link #unpack} into, or a gradient accumulator. */
    public Weights zeros() {
        Expert.Weights[] w = new Expert.Weights[experts.length];
        for (int e = 0; e < w.length; e++) {
            w[e] = experts[e].zeros();
        }
        return new Weights(w, selection.zeros());
    }

    /** Copies the block's parameters from the flat array into {@code w}. */
    public void unpack(float[] params, Weights w) {
        for (int e = 0; e < experts.length; e++) {
            experts[e].unpack(params, w.experts[e]);
        }
        selection.unpack(params, w.selection);
    }

    /** Adds the gradient {@code g} to the flat array and zeroes {@code g} (only the parts touched since the last call). */
    public void addTo(Weights g, float[] flat) {
        for (int e = 0; e < experts.length; e++) {
            if (g.touched[e]) {
                experts[e].addTo(g.experts[e], flat);
                g.experts[e].clear();
                g.touched[e] = false;
            }
        }
        if (g.selectionTouched) {
            selection.addTo(g.selection, flat);
            g.selection.clear();
            g.selectionTouched = false;
        }
    }

    /** Scratch buffers for one thread. */
    public Workspace workspace() {
        return new Workspace(experts.length, experts[0].hidden(), teacherDim);
    }

    /** The selection network's probabilities p = softmax(t W + b) for teacher embedding t[tOff..), in the workspace. */
    public float[] selectionProbabilities(Weights w, float[] t, int tOff, Workspace ws) {
        selection.forward(w.selection, t, tOff, ws.logits);
        Softmax.forward(ws.logits, 0, experts.length, ws.p, 0);
        return ws.p;
    }

    /**
     * weight * |t - sum_e z_e f_e(s)|^2 for one entity, with {@code noise} the entity's E Gumbel
     * draws. Adds weight-scaled gradients of the parameters to {@code g} and of s to ds[dsOff..).
     */
    public double lossAndGradient(Weights w, float[] s, int sOff, float[] t, int tOff, float[] noise, int noiseOff, double weight,
            Weights g, float[] ds, int dsOff, Workspace ws) {
        int n = experts.length;
        if (n == 1) {
            ws.z[0] = 1;
        } else {
            selectionProbabilities(w, t, tOff, ws);
            relaxation.forward(ws.p, 0, noise, noiseOff, n, ws.z, 0);
        }
        System.arraycopy(t, tOff, ws.target, 0, teacherDim);
        float[] mix = ws.mix;
        Arrays.fill(mix, 0f);
        for (int e = 0; e < n; e++) {
            ws.active[e] = ws.z[e] >= cutoff;
            if (!ws.active[e]) {
                continue;
            }
            float[] o = ws.o[e];
            experts[e].forward(w.experts[e], s, sOff, ws.h[e], o);
            float ze = ws.z[e];
            for (int j = 0; j < teacherDim; j++) {
                mix[j] += ze * o[j];
            }
        }
        float[] target = ws.target;
        float[] dmix = ws.dmix;
        float twoW = (float) (2 * weight);
        for (int j = 0; j < teacherDim; j++) {
            dmix[j] = mix[j] - target[j];
        }
        double loss = 0; // in double: finite differences of the loss resolve its gradient
        for (int j = 0; j < teacherDim; j++) {
            loss += (double) dmix[j] * dmix[j];
            dmix[j] *= twoW;
        }
        float[] dout = ws.dout;
        for (int e = 0; e < n; e++) {
            if (!ws.active[e]) {
                ws.dz[e] = 0;
                continue;
            }
            float[] o = ws.o[e];
            ws.dz[e] = Linear.dot(dmix, o, teacherDim);
            float ze = ws.z[e];
            for (int j = 0; j < teacherDim; j++) {
                dout[j] = ze * dmix[j];
            }
            experts[e].backward(w.experts[e], s, sOff, ws.h[e], o, dout, ws.dh, g.experts[e], ds, dsOff);
            g.touched[e] = true;
        }
        if (n > 1) {
            relaxation.backward(ws.p, 0, ws.z, 0, ws.dz, 0, n, ws.dp, 0);
            Softmax.backward(ws.p, 0, ws.dp, 0, n, ws.dlogits, 0);
            selection.backwardParameters(t, tOff, ws.dlogits, g.selection);
            g.selectionTouched = true;
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

    /** The block's weights unpacked (a snapshot of the parameters, or a gradient accumulator that remembers what it touched). */
    public static final class Weights {
        final Expert.Weights[] experts;
        final Linear.Weights selection;
        final boolean[] touched;
        boolean selectionTouched;

        Weights(Expert.Weights[] experts, Linear.Weights selection) {
            this.experts = experts;
            this.selection = selection;
            this.touched = new boolean[experts.length];
        }
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
        final float[][] h;
        final float[][] o;
        final float[] target;
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
            h = new float[experts][hidden];
            o = new float[experts][teacherDim];
            target = new float[teacherDim];
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
