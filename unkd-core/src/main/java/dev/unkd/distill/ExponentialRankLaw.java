package dev.unkd.distill;

import java.util.SplittableRandom;

/**
 * The rank law of UnKD's pair sampling (Chen et al., <i>Unbiased Knowledge Distillation for
 * Recommendation</i>, WSDM 2023, section 4; the authors' {@code sample.py: UnKD.KD_sampling}):
 * p(r) proportional to exp(-(r + 1) / mu) for r = 0..len-1, the temperature mu being 20 in the
 * authors' code. CD's rank-aware sampling (Lee et al., ICDM 2019) uses the same law with
 * mu = 3000 / lambda.
 *
 * <p>The law is a geometric distribution with ratio q = exp(-1 / mu) truncated at len, so its
 * inverse CDF has a closed form: with U uniform on [0, 1),
 * r = floor(-mu * log(1 - U * (1 - q^len))). One draw costs two transcendental calls, needs no
 * table per list length and no rejection; it is exact up to double rounding at bin edges.
 *
 * @param temperature mu &gt; 0; larger is flatter
 */
public record ExponentialRankLaw(double temperature) {
    public ExponentialRankLaw {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid rank temperature: " + temperature + " (must be positive and finite)");
        }
    }

    /** A rank in [0, length) drawn from the truncated law; {@code length} must be positive. */
    public int draw(int length, SplittableRandom rng) {
        if (length <= 1) {
            if (length == 1) {
                return 0;
            }
            throw new IllegalArgumentException("Invalid list length: " + length);
        }
        // 1 - q^len, computed without cancellation for large mu
        double mass = -Math.expm1(-length / temperature);
        double u = rng.nextDouble();
        int r = (int) (-temperature * Math.log1p(-u * mass));
        return Math.min(r, length - 1); // guards the measure-zero rounding case u*mass ~ mass
    }

    /** p(r) for a list of {@code length} items (used by tests and diagnostics). */
    public double probability(int r, int length) {
        if (r < 0 || r >= length) {
            return 0;
        }
        double mass = -Math.expm1(-length / temperature);
        // p(r) = q^r (1 - q) / (1 - q^len)
        return Math.exp(-r / temperature) * -Math.expm1(-1 / temperature) / mass;
    }

    /** Probability that two independent draws from a list of {@code length} items coincide: sum of p(r)^2. */
    public double tieProbability(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("Invalid list length: " + length);
        }
        double oneMinusQ2 = -Math.expm1(-2 / temperature);
        double oneMinusQ = -Math.expm1(-1 / temperature);
        double mass = -Math.expm1(-length / temperature);
        // sum q^(2r) (1-q)^2 / (1-q^len)^2 = (1-q)^2 (1-q^(2 len)) / ((1-q^2) (1-q^len)^2)
        return oneMinusQ * oneMinusQ * -Math.expm1(-2.0 * length / temperature) / (oneMinusQ2 * mass * mass);
    }

    /** Probability that none of {@code pairs} independent pairs is tied. */
    public double allDistinctProbability(int length, int pairs) {
        return Math.pow(1 - tieProbability(length), pairs);
    }
}
