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
 * <p>Two forms with the same floats: per entity, and for a tile of entities at once
 * ({@link ExpertBatch}, matrix x matrix kernels along the entities, several times faster), which
 * the distillers use.
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
    private final int[][] outputDotOrder;

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
        this.outputDotOrder = Linear.dotOrder(teacherDim);
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

    /**
     * {@link #lossAndGradient(Weights, float[], int, float[], int, float[], int, double, Weights, float[], int, Workspace)}
     * for every entity of a tile at once, with matrix x matrix kernels over the tile's entities
     * (each expert on the entities whose weight reaches the cutoff): sets each entity's loss in the
     * tile, adds the parameter gradients to {@code g} and each student gradient to the row given to
     * {@link ExpertBatch#add}. Every sum runs in the per-entity order (entities ascending, experts
     * ascending), so parameters, losses and gradients are the same floats as per-entity calls in
     * tile order, provided the student-gradient rows start at zero. Cost: as the per-entity calls;
     * the kernels run near the vector units' speed instead of along rows of 10 to 100 floats.
     */
    public void lossAndGradient(Weights w, ExpertBatch b, Weights g) {
        int n = b.size();
        if (n == 0) {
            return;
        }
        int ne = experts.length;
        selectExperts(w, b, n);
        for (int e = 0; e < ne; e++) {
            int m = gatherMembers(b, n, e);
            if (m > 0) {
                experts[e].forwardColumns(w.experts[e], m == n ? b.student : b.memberStudent[e], m, b.hiddenUnits[e], b.outputs[e]);
            }
        }
        mixAndResidual(b, n);
        ExpertBatch.clearRows(b.studentGradient, n);
        Arrays.fill(b.dz, 0, n * ne, 0f);
        for (int e = 0; e < ne; e++) {
            if (b.active[e] > 0) {
                backwardExpert(w, b, n, e, g);
            }
        }
        if (ne > 1) {
            for (int i = 0; i < n; i++) {
                relaxation.backward(b.p, i * ne, b.z, i * ne, b.dz, i * ne, ne, b.rowGradient, 0);
                Softmax.backward(b.p, i * ne, b.rowGradient, 0, ne, b.rowOut, 0);
                for (int e = 0; e < ne; e++) {
                    b.dlogits[e][i] = b.rowOut[e];
                }
            }
            selection.backwardParametersColumns(b.teacher, b.dlogits, n, g.selection, b.rows, b.live);
            g.selectionTouched = true;
        }
        for (int i = 0; i < n; i++) {
            b.loss[i] = b.weight[i] * b.loss[i];
            float[] ds = b.destination[i];
            int off = b.destinationOffset[i];
            for (int k = 0; k < studentDim; k++) {
                ds[off + k] += b.studentGradient[k][i];
            }
        }
    }

    /** The gates' weights z of every entity (1 with a single expert). */
    private void selectExperts(Weights w, ExpertBatch b, int n) {
        int ne = experts.length;
        if (ne == 1) {
            Arrays.fill(b.z, 0, n, 1f);
            return;
        }
        selection.forwardColumns(w.selection, b.teacher, n, b.logits);
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < ne; e++) {
                b.row[e] = b.logits[e][i];
            }
            Softmax.forward(b.row, 0, ne, b.p, i * ne);
            relaxation.forward(b.p, i * ne, b.noise, i * ne, ne, b.z, i * ne);
        }
    }

    /** Lists expert e's active entities (ascending) with their weights and, unless all are active, their student columns. */
    private int gatherMembers(ExpertBatch b, int n, int e) {
        int ne = experts.length;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (b.z[i * ne + e] >= cutoff) {
                m++;
            }
        }
        b.active[e] = m;
        if (m == 0) {
            return 0;
        }
        b.ensureExpert(e, m);
        int[] members = b.members[e];
        float[] zw = b.memberWeight[e];
        int q = 0;
        for (int i = 0; i < n; i++) {
            float z = b.z[i * ne + e];
            if (z >= cutoff) {
                members[q] = i;
                zw[q++] = z;
            }
        }
        if (m < n) {
            for (int k = 0; k < studentDim; k++) {
                float[] from = b.student[k];
                float[] to = b.memberStudent[e][k];
                for (int r = 0; r < m; r++) {
                    to[r] = from[members[r]];
                }
            }
        }
        return m;
    }

    /** mix = sum_e z_e f_e(s) (experts ascending), the loss |mix - t|^2 and, in place of mix, dL/dmix = 2 weight (mix - t). */
    private void mixAndResidual(ExpertBatch b, int n) {
        ExpertBatch.clearRows(b.mix, n);
        for (int e = 0; e < experts.length; e++) {
            int m = b.active[e];
            if (m == 0) {
                continue;
            }
            float[] zw = b.memberWeight[e];
            int[] members = b.members[e];
            for (int j = 0; j < teacherDim; j++) {
                float[] mx = b.mix[j];
                float[] o = b.outputs[e][j];
                if (m == n) {
                    for (int i = 0; i < n; i++) {
                        mx[i] += zw[i] * o[i];
                    }
                } else {
                    for (int q = 0; q < m; q++) {
                        mx[members[q]] += zw[q] * o[q];
                    }
                }
            }
        }
        Arrays.fill(b.loss, 0, n, 0);
        float[] twoW = b.twoWeight;
        double[] loss = b.loss;
        for (int j = 0; j < teacherDim; j++) {
            float[] mx = b.mix[j];
            float[] t = b.teacher[j];
            for (int i = 0; i < n; i++) {
                float d = mx[i] - t[i];
                loss[i] += (double) d * d; // in double: finite differences of the loss resolve its gradient
                mx[i] = d * twoW[i];
            }
        }
    }

    /** Expert e's dz = dL/dmix . f_e(s) and its backward pass; its student gradients are added to the tile's. */
    private void backwardExpert(Weights w, ExpertBatch b, int n, int e, Weights g) {
        int m = b.active[e];
        int ne = experts.length;
        int[] members = b.members[e];
        float[][] dout = b.gathered;
        if (m < n) {
            for (int j = 0; j < teacherDim; j++) {
                float[] from = b.mix[j];
                float[] to = dout[j];
                for (int q = 0; q < m; q++) {
                    to[q] = from[members[q]];
                }
            }
        }
        float[][] dmix = m == n ? b.mix : dout;
        float[][] o = b.outputs[e];
        float[][] acc = b.acc;
        for (int r = 0; r < 4; r++) {
            float[] a = acc[r];
            Arrays.fill(a, 0, m, 0f);
            int[] order = outputDotOrder[r];
            int t = 0;
            for (; t + 1 < order.length; t += 2) { // two terms per pass, added in order
                float[] x0 = dmix[order[t]];
                float[] y0 = o[order[t]];
                float[] x1 = dmix[order[t + 1]];
                float[] y1 = o[order[t + 1]];
                for (int q = 0; q < m; q++) {
                    a[q] = (a[q] + x0[q] * y0[q]) + x1[q] * y1[q];
                }
            }
            for (; t < order.length; t++) {
                float[] x = dmix[order[t]];
                float[] y = o[order[t]];
                for (int q = 0; q < m; q++) {
                    a[q] += x[q] * y[q];
                }
            }
        }
        float[] zw = b.memberWeight[e];
        for (int q = 0; q < m; q++) {
            b.dz[members[q] * ne + e] = (acc[0][q] + acc[1][q]) + (acc[2][q] + acc[3][q]);
        }
        for (int j = 0; j < teacherDim; j++) {
            float[] x = dmix[j];
            float[] d = dout[j];
            for (int q = 0; q < m; q++) {
                d[q] = zw[q] * x[q];
            }
        }
        float[][] st = m == n ? b.student : b.memberStudent[e];
        experts[e].backwardColumns(w.experts[e], st, b.hiddenUnits[e], o, dout, m, b.hiddenGradient, b.inputGradient, g.experts[e], acc,
                b.rows, b.live);
        g.touched[e] = true;
        for (int k = 0; k < studentDim; k++) {
            float[] from = b.inputGradient[k];
            float[] to = b.studentGradient[k];
            if (m == n) {
                for (int i = 0; i < n; i++) {
                    to[i] += from[i];
                }
            } else {
                for (int q = 0; q < m; q++) {
                    to[members[q]] += from[q];
                }
            }
        }
    }

    /** A tile workspace for {@link #lossAndGradient(Weights, ExpertBatch, Weights)}, one per thread. */
    public ExpertBatch batch(int capacity) {
        return new ExpertBatch(this, capacity);
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
