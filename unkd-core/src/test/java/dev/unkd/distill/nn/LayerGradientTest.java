package dev.unkd.distill.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of every small layer's hand-written backward pass: each test builds a
 * scalar loss of the layer's output (a fixed random linear form, or the layer's own loss), compares
 * the analytic gradient with central differences on every parameter and input, and fixes the
 * Gumbel noise by seed.
 */
class LayerGradientTest {
    private static final double H = 1e-3;

    /** |a - n| <= rel * max(|a|, |n|) + abs for every coordinate. */
    private static void assertClose(float[] analytic, double[] numeric, double rel, double abs, String what) {
        for (int k = 0; k < numeric.length; k++) {
            double a = analytic[k];
            double n = numeric[k];
            assertThat(Math.abs(a - n)).as("%s coordinate %d: analytic %s numeric %s", what, k, a, n)
                    .isLessThanOrEqualTo(rel * Math.max(Math.abs(a), Math.abs(n)) + abs);
        }
    }

    private static float[] random(int n, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    /** Central differences of f over every coordinate of x (perturbed in place, restored). */
    private static double[] numeric(float[] x, java.util.function.DoubleSupplier f) {
        double[] g = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            float saved = x[k];
            float up = (float) (saved + H);
            float down = (float) (saved - H);
            x[k] = up;
            double plus = f.getAsDouble();
            x[k] = down;
            double minus = f.getAsDouble();
            x[k] = saved;
            g[k] = (plus - minus) / ((double) up - down);
        }
        return g;
    }

    @Test
    void linearLayer() {
        ParameterLayout layout = new ParameterLayout();
        layout.reserve(3); // the layer need not start at 0
        Linear layer = new Linear(layout, 4, 5);
        float[] params = new float[layout.size()];
        layer.initialise(params, new SplittableRandom(1));
        float[] x = random(4, 1, 2);
        x[2] = 0; // a zero input (as after a ReLU) is skipped forward, yet gets an input gradient
        float[] c = random(5, 1, 3);
        Linear.Weights w = layer.zeros();
        java.util.function.DoubleSupplier loss = () -> {
            layer.unpack(params, w);
            float[] y = new float[5];
            layer.forward(w, x, 0, y);
            double s = 0;
            for (int j = 0; j < 5; j++) {
                s += c[j] * y[j];
            }
            return s;
        };
        layer.unpack(params, w);
        Linear.Weights g = layer.zeros();
        layer.backwardParameters(x, 0, c, g);
        float[] flat = new float[params.length];
        layer.addTo(g, flat);
        float[] dx = new float[4];
        layer.backwardInput(w, c, dx, 0, null);
        assertClose(flat, numeric(params, loss), 1e-3, 1e-5, "linear parameters");
        assertClose(dx, numeric(x, loss), 1e-3, 1e-5, "linear input");
        assertThat(flat[0]).as("outside the layer's region").isZero();
        float[] live = {1, 0, 1, 1};
        float[] masked = new float[4];
        layer.backwardInput(w, c, masked, 0, live);
        assertThat(masked[1]).isZero();
        assertThat(masked[0]).isEqualTo(dx[0]);
    }

    @Test
    void initialisationFollowsPyTorchsBound() {
        ParameterLayout layout = new ParameterLayout();
        Linear layer = new Linear(layout, 25, 8);
        float[] params = new float[layout.size()];
        layer.initialise(params, new SplittableRandom(4));
        double bound = 1 / Math.sqrt(25);
        for (float p : params) {
            assertThat(Math.abs(p)).isLessThan((float) bound);
        }
        assertThat(params).doesNotContain(0f);
        assertThatThrownBy(() -> new Linear(new ParameterLayout(), 0, 3)).hasMessageContaining("Invalid linear layer shape");
    }

    @Test
    void softmaxAndGumbelSoftmax() {
        float[] x = random(6, 2, 5);
        float[] c = random(6, 1, 6);
        java.util.function.DoubleSupplier softmaxLoss = () -> {
            float[] y = new float[6];
            Softmax.forward(x, 0, 6, y, 0);
            return dot(c, y);
        };
        float[] y = new float[6];
        Softmax.forward(x, 0, 6, y, 0);
        assertThat((double) sum(y)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
        float[] dx = new float[6];
        Softmax.backward(y, 0, c, 0, 6, dx, 0);
        assertClose(dx, numeric(x, softmaxLoss), 1e-3, 1e-5, "softmax");

        float[] noise = new float[6];
        GumbelSoftmax.sample(new SplittableRandom(7), noise, 0, 6);
        float[] p = new float[6];
        Softmax.forward(random(6, 1, 8), 0, 6, p, 0);
        for (double temperature : new double[] {0.5, 1, 10}) {
            GumbelSoftmax relaxation = new GumbelSoftmax(temperature, 1e-10);
            java.util.function.DoubleSupplier loss = () -> {
                float[] z = new float[6];
                relaxation.forward(p, 0, noise, 0, 6, z, 0);
                return dot(c, z);
            };
            float[] z = new float[6];
            relaxation.forward(p, 0, noise, 0, 6, z, 0);
            float[] dp = new float[6];
            relaxation.backward(p, 0, z, 0, c, 0, 6, dp, 0);
            // p is a probability near 0.1-0.3: a step of 1e-3 is fine for its log
            assertClose(dp, numeric(p, loss), 2e-3, 1e-4, "gumbel-softmax T=" + temperature);
        }
    }

    @Test
    void gumbelNoiseHasTheGumbelMeanAndDrawsTheArgmaxWithProbabilityP() {
        float[] g = new float[200_000];
        GumbelSoftmax.sample(new SplittableRandom(9), g, 0, g.length);
        double mean = 0;
        for (float v : g) {
            mean += v;
        }
        // E[Gumbel(0, 1)] = Euler-Mascheroni constant
        assertThat(mean / g.length).isCloseTo(0.5772, org.assertj.core.data.Offset.offset(0.01));
        float[] p = {0.6f, 0.3f, 0.1f};
        GumbelSoftmax cold = new GumbelSoftmax(1e-3, 1e-10);
        int[] wins = new int[3];
        float[] z = new float[3];
        for (int t = 0; t < 30_000; t++) {
            cold.forward(p, 0, g, 3 * t, 3, z, 0);
            int best = z[0] >= z[1] && z[0] >= z[2] ? 0 : z[1] >= z[2] ? 1 : 2;
            wins[best]++;
            assertThat((double) z[best]).isGreaterThan(0.5); // nearly one-hot, but near-ties of log p + g stay soft
        }
        assertThat(wins[0] / 30_000.0).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.015));
        assertThat(wins[2] / 30_000.0).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
        assertThatThrownBy(() -> new GumbelSoftmax(0, 1e-10)).hasMessageContaining("temperature");
    }

    @Test
    void expertWithEitherActivation() {
        for (ExpertActivation activation : ExpertActivation.values()) {
            ParameterLayout layout = new ParameterLayout();
            Expert expert = new Expert(layout, 3, 6, 4, activation);
            float[] params = new float[layout.size()];
            expert.initialise(params, new SplittableRandom(10));
            float[] x = random(3, 1.5, 11);
            float[] c = random(4, 1, 12);
            Expert.Weights w = expert.zeros();
            java.util.function.DoubleSupplier loss = () -> {
                expert.unpack(params, w);
                float[] h = new float[6];
                float[] o = new float[4];
                expert.forward(w, x, 0, h, o);
                return dot(c, o);
            };
            expert.unpack(params, w);
            float[] h = new float[6];
            float[] o = new float[4];
            expert.forward(w, x, 0, h, o);
            if (activation == ExpertActivation.OUTPUT) {
                for (float v : o) {
                    assertThat(v).isGreaterThanOrEqualTo(0f);
                }
            }
            Expert.Weights g = expert.zeros();
            float[] dx = new float[3];
            expert.backward(w, x, 0, h, o, c.clone(), new float[6], g, dx, 0);
            float[] flat = new float[params.length];
            expert.addTo(g, flat);
            assertClose(flat, numeric(params, loss), 2e-3, 1e-4, activation + " parameters");
            assertClose(dx, numeric(x, loss), 2e-3, 1e-4, activation + " input");
        }
    }

    /** The DE / HTD block: experts, selection network and Gumbel-softmax, with its own squared-error loss. */
    @Test
    void mixtureOfExperts() {
        for (int experts : new int[] {1, 3}) {
            for (double temperature : new double[] {0.7, 10}) {
                ParameterLayout layout = new ParameterLayout();
                MixtureOfExperts moe = new MixtureOfExperts(layout, 3, 5, 6, experts, ExpertActivation.HIDDEN,
                        new GumbelSoftmax(temperature, 1e-10), 0);
                float[] params = new float[layout.size()];
                moe.initialise(params, new SplittableRandom(13));
                float[] s = random(8, 1, 14); // the entity's 3 values sit at offset 4, as a row of an embedding table
                float[] t = random(6, 1, 15);
                float[] noise = new float[experts];
                GumbelSoftmax.sample(new SplittableRandom(16), noise, 0, experts);
                MixtureOfExperts.Weights w = moe.zeros();
                MixtureOfExperts.Workspace ws = moe.workspace();
                java.util.function.DoubleSupplier loss = () -> {
                    moe.unpack(params, w);
                    return moe.lossAndGradient(w, s, 4, t, 0, noise, 0, 0.7, moe.zeros(), new float[8], 0, ws);
                };
                moe.unpack(params, w);
                MixtureOfExperts.Weights g = moe.zeros();
                float[] ds = new float[8];
                double value = moe.lossAndGradient(w, s, 4, t, 0, noise, 0, 0.7, g, ds, 4, ws);
                float[] flat = new float[params.length];
                moe.addTo(g, flat);
                String what = experts + " experts, T=" + temperature;
                assertClose(flat, numeric(params, loss), 3e-3, 2e-4, what + " parameters");
                double[] numericS = numeric(s, loss);
                assertClose(Arrays.copyOfRange(ds, 4, 7), Arrays.copyOfRange(numericS, 4, 7), 3e-3, 2e-4, what + " student");
                assertThat(Arrays.copyOfRange(ds, 0, 4)).containsOnly(0f);
                // the value is the weighted squared error of the z-mixture, recomputed here
                float[] z = ws.weights().clone();
                double expected = 0;
                float[] h = new float[5];
                float[] o = new float[6];
                float[] mix = new float[6];
                for (int e = 0; e < experts; e++) {
                    moe.expert(e).forward(w.experts[e], s, 4, h, o);
                    for (int j = 0; j < 6; j++) {
                        mix[j] += z[e] * o[j];
                    }
                }
                for (int j = 0; j < 6; j++) {
                    expected += (t[j] - mix[j]) * (t[j] - mix[j]);
                }
                assertThat(value).isCloseTo(0.7 * expected, org.assertj.core.data.Offset.offset(1e-5));
                if (experts == 1) {
                    assertThat(z[0]).isEqualTo(1f);
                    assertThat(Arrays.copyOfRange(flat, moe.selection().weightOffset(0, 0), params.length)).containsOnly(0f);
                }
            }
        }
    }

    @Test
    void cutoffSkipsExpertsWithNegligibleWeightOnly() {
        ParameterLayout layout = new ParameterLayout();
        GumbelSoftmax cold = new GumbelSoftmax(0.1, 1e-10);
        MixtureOfExperts exact = new MixtureOfExperts(layout, 4, 8, 6, 12, ExpertActivation.HIDDEN, cold, 0);
        MixtureOfExperts pruned = new MixtureOfExperts(new ParameterLayout(), 4, 8, 6, 12, ExpertActivation.HIDDEN, cold, 1e-6);
        float[] params = new float[layout.size()];
        exact.initialise(params, new SplittableRandom(17));
        MixtureOfExperts.Weights w = exact.zeros();
        exact.unpack(params, w);
        MixtureOfExperts.Workspace ws = exact.workspace();
        float[] s = random(4, 1, 18);
        float[] t = random(6, 1, 19);
        float[] noise = new float[12];
        int activeTotal = 0;
        for (int trial = 0; trial < 20; trial++) {
            GumbelSoftmax.sample(new SplittableRandom(20 + trial), noise, 0, 12);
            float[] dsExact = new float[4];
            float[] dsPruned = new float[4];
            double a = exact.lossAndGradient(w, s, 0, t, 0, noise, 0, 1, exact.zeros(), dsExact, 0, ws);
            double b = pruned.lossAndGradient(w, s, 0, t, 0, noise, 0, 1, pruned.zeros(), dsPruned, 0, ws);
            activeTotal += pruned.activeExperts(ws);
            assertThat(b).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-4 * Math.abs(a) + 1e-6));
            for (int d = 0; d < 4; d++) {
                assertThat((double) dsPruned[d]).isCloseTo(dsExact[d], org.assertj.core.data.Offset.offset(1e-4 * Math.abs(dsExact[d]) + 1e-5));
            }
        }
        assertThat(activeTotal).as("few of 12 experts are used at temperature 0.1").isLessThan(20 * 6);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
