package dev.unkd.distill;

/**
 * HetComp's two list-wise objectives for one user (Kang et al., WWW 2023, "adaptive knowledge
 * transfer"; formulas from the authors' {@code Models/HetComp.py}), on the student's scores of the
 * user's observed list O (training items in the teachers' order), of the constructed top list T
 * (unobserved items, best first) and on R, the sum of e^s over the user's other unobserved items
 * (exact, or estimated from uniform draws by the caller). With E_j = e^{s_j}:
 * <pre>
 *   overall:  L = sum_{j in O and T} [ log(E_j + R) - s_j ]                       (each listed item above the rest)
 *   rank:     L = PL(O; R_a) + 1/2 PL(T[0, a); R_a) + 1/2 PL(T[0, b); R_b)       (the lists' orders)
 *             PL(x; B) = sum_k [ log(sum_{j &gt;= k} E_j + B) - x_k ],  R_m = sum_{t &gt;= m} E_{T_t} + R,
 *             a = |T| / 2, b = max(1, |T| / 10)   (the authors' K / 2 and K / 10)
 * </pre>
 * Scores are clamped to [-40, 40] first, as in the authors' code: a score outside has no
 * gradient; inside, all sums are plain doubles (e^40 times millions of items stays finite), so
 * no maximum needs factoring out. Gradients are w.r.t. the raw scores; the rest items' gradient
 * is {@code restCoefficient * dR/ds_i}, i.e. restCoefficient * weight_i * E_i, which the caller
 * applies to each rest item it summed. Cost O(|O| + |T|).
 */
final class HetcompLoss {
    /** The authors' clamp of the student's scores ({@code torch.clamp(..., min=-40, max=40)}). */
    static final double CLAMP = 40;

    private HetcompLoss() {
    }

    /** e^{clamp(s)}. */
    static double clampedExp(double s) {
        return Math.exp(Math.max(-CLAMP, Math.min(CLAMP, s)));
    }

    /** d clamp(s) / ds. */
    static double clampSlope(double s) {
        return s > -CLAMP && s < CLAMP ? 1 : 0;
    }

    /** Gradients of one evaluation: per observed and listed item, and the coefficient of dR. */
    static final class Gradient {
        double[] observed = new double[0];
        double[] top = new double[0];
        double restCoefficient;
        private double[] expObserved = new double[0];
        private double[] expTop = new double[0];
        private double[] denominators = new double[0];

        void ensure(int p, int k) {
            if (observed.length < p) {
                observed = new double[p];
                expObserved = new double[p];
            }
            if (top.length < k) {
                top = new double[k];
                expTop = new double[k];
            }
            if (denominators.length < Math.max(p, k)) {
                denominators = new double[Math.max(p, k)];
            }
        }
    }

    /** The overall-relation loss of one user; gradients into {@code g}. */
    static double overall(double[] o, int p, double[] t, int k, double rest, Gradient g) {
        g.ensure(p, k);
        double loss = 0;
        double coefficient = 0;
        for (int pass = 0; pass < 2; pass++) {
            double[] x = pass == 0 ? o : t;
            double[] dx = pass == 0 ? g.observed : g.top;
            int n = pass == 0 ? p : k;
            for (int j = 0; j < n; j++) {
                double e = clampedExp(x[j]);
                double d = e + rest;
                loss += Math.log(d) - clamp(x[j]);
                dx[j] = (e / d - 1) * clampSlope(x[j]);
                coefficient += 1 / d;
            }
        }
        g.restCoefficient = coefficient;
        return loss;
    }

    /** The ranking loss of one user; gradients into {@code g}. */
    static double rank(double[] o, int p, double[] t, int k, double rest, Gradient g) {
        g.ensure(p, k);
        double[] eo = g.expObserved;
        double[] et = g.expTop;
        for (int j = 0; j < p; j++) {
            eo[j] = clampedExp(o[j]);
            g.observed[j] = 0;
        }
        for (int j = 0; j < k; j++) {
            et[j] = clampedExp(t[j]);
            g.top[j] = 0;
        }
        int a = k / 2;
        int b = Math.min(k, Math.max(1, k / 10));
        double restA = rest + tail(et, a, k);
        double restB = rest + tail(et, b, k);
        double loss = plackettLuce(o, eo, p, restA, g.observed, 1, g);
        double gA = g.restCoefficient;
        loss += plackettLuce(t, et, a, restA, g.top, 0.5, g);
        gA += g.restCoefficient;
        loss += plackettLuce(t, et, b, restB, g.top, 0.5, g);
        double gB = g.restCoefficient;
        for (int j = 0; j < k; j++) {
            double viaTails = (j >= a ? gA : 0) + (j >= b ? gB : 0);
            g.top[j] += et[j] * viaTails * clampSlope(t[j]);
        }
        g.restCoefficient = gA + gB;
        return loss;
    }

    private static double tail(double[] e, int from, int to) {
        double s = 0;
        for (int j = from; j < to; j++) {
            s += e[j];
        }
        return s;
    }

    /**
     * weight * PL(x[0, n); base): adds weight * dPL/dx_j to dx[j] and writes weight * dPL/dbase to
     * {@code g.restCoefficient}.
     */
    private static double plackettLuce(double[] x, double[] e, int n, double base, double[] dx, double weight, Gradient g) {
        double loss = 0;
        double suffix = base;
        double[] den = g.denominators;
        for (int j = n - 1; j >= 0; j--) {
            suffix += e[j];
            den[j] = suffix;
            loss += Math.log(suffix) - clamp(x[j]);
        }
        double prefix = 0; // sum_{i <= j} 1 / D_i
        for (int j = 0; j < n; j++) {
            prefix += 1 / den[j];
            dx[j] += weight * (-1 + e[j] * prefix) * clampSlope(x[j]);
        }
        g.restCoefficient = weight * prefix;
        return weight * loss;
    }

    private static double clamp(double s) {
        return Math.max(-CLAMP, Math.min(CLAMP, s));
    }
}
