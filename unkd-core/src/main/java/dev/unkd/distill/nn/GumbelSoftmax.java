package dev.unkd.distill.nn;

import java.util.SplittableRandom;

/**
 * The Gumbel-softmax relaxation of drawing one of n options with probabilities p (Jang et al.,
 * ICLR 2017), as DE and HTD select experts:
 * z = softmax((log(p + eps) + g) / temperature) with g_i i.i.d. Gumbel(0, 1). As the temperature
 * falls z approaches the one-hot vector of the Gumbel-max draw; above 1 it flattens towards
 * uniform. The noise is passed in, so a fixed draw makes z a deterministic, differentiable
 * function of p.
 *
 * @param temperature &gt; 0 (DE: 10 in the UnKD code; HTD: 0.1)
 * @param epsilon added to p inside the log (1e-10 in both authors' codes)
 */
public record GumbelSoftmax(double temperature, double epsilon) {
    public GumbelSoftmax {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid Gumbel-softmax temperature: " + temperature);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("Invalid epsilon: " + epsilon);
        }
    }

    /** Fills g[off .. off+n) with Gumbel(0, 1) draws -log(-log U), U uniform on the open interval (0, 1). */
    public static void sample(SplittableRandom rng, float[] g, int off, int n) {
        for (int k = off; k < off + n; k++) {
            double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53; // never 0 or 1
            g[k] = (float) -Math.log(-Math.log(u));
        }
    }

    /** z[zOff..) = softmax((log(p + eps) + g) / T) over n options. */
    public void forward(float[] p, int pOff, float[] g, int gOff, int n, float[] z, int zOff) {
        for (int k = 0; k < n; k++) {
            z[zOff + k] = (float) ((Math.log(p[pOff + k] + epsilon) + g[gOff + k]) / temperature);
        }
        Softmax.forward(z, zOff, n, z, zOff);
    }

    /**
     * Writes dL/dp given the output z and dL/dz: through the softmax, then the 1/T scale and the
     * log: dL/dp_i = z_i (dz_i - sum_j z_j dz_j) / (T (p_i + eps)).
     */
    public void backward(float[] p, int pOff, float[] z, int zOff, float[] dz, int dzOff, int n, float[] dp, int dpOff) {
        Softmax.backward(z, zOff, dz, dzOff, n, dp, dpOff);
        for (int k = 0; k < n; k++) {
            dp[dpOff + k] = (float) (dp[dpOff + k] / (temperature * (p[pOff + k] + epsilon)));
        }
    }
}
