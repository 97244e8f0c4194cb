package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;

/**
 * Settings of FitNet feature distillation (Romero, Ballas, Kahou, Chassang, Gatta, Bengio,
 * <i>FitNets: Hints for Thin Deep Nets</i>, ICLR 2015, section 2.2), as KD-for-recommendation
 * comparisons apply it to embeddings (the KDs toolkit, woriazzc/KDs, {@code modeling/KD/cf/baseline.py:
 * Fit} with {@code fit_linear}): one linear projector per side maps the student's user (item)
 * embeddings to the teacher's, trained jointly with the student; the student's loss is
 * BPR + L2 + kdWeight * L_Fit ({@link FeatureDistillation}).
 *
 * @param kdWeight weight of the hint loss (0.001, DE's weight in {@link DeRrdConfig}: FitNet is DE
 *     with one linear expert and no gate; not tuned. KDs' {@code lmbda 0.05} multiplies a sum over
 *     2 x 2048 entities, not a mean)
 * @param bias give the projectors a bias (false: KDs' {@code fit_bias: False}; the FitNets
 *     regressor is a plain linear map in the fully connected case)
 * @param lr Adam learning rate of the projectors (the student's --lr, 0.01, as DE-RRD's experts:
 *     KDs trains them with the student's optimiser)
 */
public record FitNetConfig(
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the FitNet hint loss") double kdWeight,
        @Param(flag = "--fitnet-bias", description = "Give the student-to-teacher projectors a bias") boolean bias,
        @Param(flag = "--lr", shared = true, description = "Adam learning rate of the projectors (the student's --lr)") double lr)
        implements DistillerSettings {
    public FitNetConfig {
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (FitNet weight, must be >= 0)");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid lr: " + lr + " (learning rate, must be positive)");
        }
    }

    public static FitNetConfig defaults() {
        return new FitNetConfig(0.001, false, 0.01);
    }

    public FitNetConfig withKdWeight(double w) {
        return new FitNetConfig(w, bias, lr);
    }

    public FitNetConfig withBias(boolean b) {
        return new FitNetConfig(kdWeight, b, lr);
    }

    @Override
    public String method() {
        return "fitnet";
    }

    /** BPR + kdWeight * L_Fit; refuses a teacher without embeddings. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        TeacherInputs.scorer(teacher, data);
        return List.of(new BprObjective(1.0), new FeatureDistillation(this, data.train(), TeacherInputs.embeddings(method(), teacher, data)));
    }
}
