package dev.unkd.distill;

/**
 * Settings of Collaborative Distillation (Lee, Choi, Lee, Kim, Ha, <i>Collaborative
 * Distillation for Top-N Recommendation</i>, ICDM 2019), with the constants of the UnKD
 * authors' implementation ({@code sample.py: class CD}, constructor defaults, which
 * {@code register.py} does not override).
 *
 * <p>For each user, {@code samples} distinct unobserved items are drawn rank-aware from the
 * teacher's top {@code candidates}: two ranks are drawn from p(r) proportional to
 * exp(-(r + 1) / candidates * rankLambda) and the better one (the one the teacher scores
 * higher) is kept, until enough distinct items are kept. Each gets the soft label
 * y = sigmoid((s_T + t2) / t1) and the loss is, averaged over the user's samples and the batch,
 * the cross-entropy -(y log(sigmoid(s_S) + eps) + (1 - y) log(1 - sigmoid(s_S) + eps)). The
 * student's loss is BPR + L2 + kdWeight * L_CD.
 *
 * @param candidates depth of the teacher's list (3000: {@code self.sample_num = 3000})
 * @param samples distinct items per user (50: {@code n_distill=50})
 * @param rankLambda lambda of the rank weights (1/20: {@code lamda=1/20}, which makes the law
 *     almost flat over the 3000 candidates, so the tournament does most of the favouring)
 * @param t1 soft-label temperature (2: {@code t1=2})
 * @param t2 soft-label shift (0: {@code t2=0})
 * @param kdWeight weight of L_CD (0.03, chosen on CiteULike validation users as for UnKD: valid
 *     NDCG@20 0.0685 at 1.0 (the code's {@code --kd_weight}), 0.0741 at 0.3, 0.0734 at 0.1, 0.0769
 *     at 0.03)
 * @param redrawEveryEpoch draw new samples every epoch; the code draws them once, at
 *     construction (false)
 * @param epsilon inside the logarithms (1e-10, as the code)
 */
public record CdConfig(int candidates, int samples, double rankLambda, double t1, double t2, double kdWeight,
        boolean redrawEveryEpoch, double epsilon) {
    public CdConfig {
        if (candidates < 1) {
            throw new IllegalArgumentException("Invalid CD candidate depth: " + candidates);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("Invalid CD sample count: " + samples);
        }
        if (!(rankLambda > 0) || Double.isInfinite(rankLambda)) {
            throw new IllegalArgumentException("Invalid CD rank lambda: " + rankLambda + " (must be positive)");
        }
        if (!(t1 > 0) || Double.isInfinite(t1)) {
            throw new IllegalArgumentException("Invalid CD temperature t1: " + t1);
        }
        if (!Double.isFinite(t2)) {
            throw new IllegalArgumentException("Invalid CD shift t2: " + t2);
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid CD weight: " + kdWeight);
        }
        if (!(epsilon >= 0) || epsilon >= 1) {
            throw new IllegalArgumentException("Invalid epsilon: " + epsilon + " (must be in [0, 1))");
        }
    }

    public static CdConfig defaults() {
        return new CdConfig(3000, 50, 1.0 / 20, 2.0, 0.0, 0.03, false, 1e-10);
    }

    /** The temperature of the equivalent {@link ExponentialRankLaw}: candidates / rankLambda. */
    public double rankTemperature() {
        return candidates / rankLambda;
    }

    public CdConfig withKdWeight(double w) {
        return new CdConfig(candidates, samples, rankLambda, t1, t2, w, redrawEveryEpoch, epsilon);
    }

    public CdConfig withRedrawEveryEpoch(boolean redraw) {
        return new CdConfig(candidates, samples, rankLambda, t1, t2, kdWeight, redraw, epsilon);
    }
}
