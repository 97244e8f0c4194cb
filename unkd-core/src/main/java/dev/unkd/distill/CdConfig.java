package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;

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
public record CdConfig(
        @Param(description = "Depth of the teacher's list the samples are drawn from") int candidates,
        @Param(description = "Distinct items per user") int samples,
        @Param(description = "Lambda of the rank weights exp(-(r+1) / candidates * lambda)") double rankLambda,
        @Param(description = "Soft-label temperature t1 of y = sigmoid((s_T + t2) / t1)") double t1,
        @Param(description = "Soft-label shift t2") double t2,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the CD term next to BPR") double kdWeight,
        @Param(description = "Draw new samples every epoch (the authors' code draws once)") boolean redrawEveryEpoch,
        @Param(description = "Epsilon inside the logarithms of the cross-entropy") double epsilon) implements DistillerSettings {
    public CdConfig {
        if (candidates < 1) {
            throw new IllegalArgumentException("Invalid candidates: " + candidates + " (CD candidate depth, must be >= 1)");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("Invalid samples: " + samples + " (CD sample count, must be >= 1)");
        }
        if (!(rankLambda > 0) || Double.isInfinite(rankLambda)) {
            throw new IllegalArgumentException("Invalid rankLambda: " + rankLambda + " (CD rank lambda, must be positive)");
        }
        if (!(t1 > 0) || Double.isInfinite(t1)) {
            throw new IllegalArgumentException("Invalid t1: " + t1 + " (CD temperature, must be positive)");
        }
        if (!Double.isFinite(t2)) {
            throw new IllegalArgumentException("Invalid t2: " + t2 + " (CD shift, must be finite)");
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (CD weight, must be >= 0)");
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

    @Override
    public String method() {
        return "cd";
    }

    /** BPR + kdWeight * L_CD. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        Scorer scorer = TeacherInputs.scorer(teacher, data);
        return List.of(new BprObjective(1.0), CollaborativeDistillation.prepare(this, scorer, data.train(), executor));
    }
}
