package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;

/**
 * Settings of Ranking Distillation (Tang and Wang, <i>Ranking Distillation: Learning Compact
 * Ranking Models With High Performance for Recommender System</i>, KDD 2018), with the constants
 * of the UnKD authors' implementation ({@code sample.py: class RD}, constructor defaults, which
 * {@code register.py} does not override).
 *
 * <p>The student's loss is (1 - w) * BPR + w * L_RD (the code's {@code BPRLoss.stageOne} for
 * RD). Note that the code scales its L2 term by (1 - w) too, and with its default
 * {@code --kd_weight=1.0} drops BPR and L2 entirely; unkd applies L2 at full strength (reduce
 * the trainer's decay by (1 - w) to mimic the code).
 *
 * @param topK K, the teacher's top unobserved items used as extra positives (30: {@code topK=30})
 * @param positionTemperature lambda of the static position weights w_r proportional to
 *     exp(-r / lambda), r = 1..K, normalised to sum 1 (1: {@code lamda=1})
 * @param dynamicWeights multiply the static weights by RD's dynamic weights
 *     max(0, tanh(mu * (rank_S - r))) and renormalise (true, as the code); rank_S is the
 *     student's estimated rank of the item, floor((items - 1) * h / n) + 1 with h the number of
 *     n random unobserved items the student scores higher, and r the teacher position counted
 *     from 0 as in the code (the paper counts from 1)
 * @param dynamicStartEpoch dynamic weights are used in epochs after this one (1-based), i.e. the
 *     code's 0-based {@code epoch >= dynamic_start_epoch} (100: {@code dynamic_start_epoch=100})
 * @param mu slope of the dynamic weights (0.1: {@code mu=0.1})
 * @param dynamicSamples n, uniform unobserved items per user redrawn each epoch to estimate
 *     rank_S (100: {@code dynamic_sample=100})
 * @param kdWeight w of the mixing (0.3, chosen on CiteULike validation users as for UnKD: valid
 *     NDCG@20 0.0871 at 0.3, 0.0864 at 0.5, 0.0771 at 0.7, measured before the LazyAdam fix of
 *     2026-12-01, which had made small weights train badly; after it, configs/paper-citeulike-core.yaml
 *     gives 0.0730 at 0.1 and 0.0817 at 0.5, seed 2022, docs/DISTILLERS.md; the code passes
 *     {@code --kd_weight}, 1.0 by default, which leaves no BPR term)
 * @param averageOverList divide the weighted sum by K as the code does ({@code .mean(1)} after
 *     normalised weights) instead of the paper's plain weighted sum (false)
 */
public record RdConfig(
        @Param(flag = "--rd-top-k", description = "Teacher's top items used as positives") int topK,
        @Param(description = "Lambda of the static position weights exp(-r/lambda)") double positionTemperature,
        @Param(flag = "--rd-dynamic", description = "Dynamic weights from the student's rank estimate") boolean dynamicWeights,
        @Param(flag = "--rd-start-epoch", description = "Epoch after which dynamic weights start") int dynamicStartEpoch,
        @Param(description = "Slope mu of the dynamic weights tanh(mu (rank_S - r))") double mu,
        @Param(description = "Unobserved items per user and epoch that estimate the student's rank") int dynamicSamples,
        @Param(flag = "--kd-weight", shared = true, description = "Weight w of the mixing (1 - w) BPR + w L_RD") double kdWeight,
        @Param(description = "Divide the weighted sum by K, as the authors' code") boolean averageOverList) implements DistillerSettings {
    public RdConfig {
        if (topK < 1) {
            throw new IllegalArgumentException("Invalid topK: " + topK + " (RD top-K, must be >= 1)");
        }
        if (!(positionTemperature > 0) || Double.isInfinite(positionTemperature)) {
            throw new IllegalArgumentException("Invalid positionTemperature: " + positionTemperature + " (RD position temperature, must be positive)");
        }
        if (dynamicStartEpoch < 0) {
            throw new IllegalArgumentException("Invalid dynamicStartEpoch: " + dynamicStartEpoch + " (RD dynamic start epoch, must be >= 0)");
        }
        if (!(mu > 0) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("Invalid mu: " + mu + " (RD dynamic-weight slope, must be positive)");
        }
        if (dynamicSamples < 1) {
            throw new IllegalArgumentException("Invalid dynamicSamples: " + dynamicSamples + " (RD dynamic sample count, must be >= 1)");
        }
        if (!(kdWeight >= 0 && kdWeight <= 1)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (RD weight, must be in [0, 1])");
        }
    }

    public static RdConfig defaults() {
        return new RdConfig(30, 1.0, true, 100, 0.1, 100, 0.3, false);
    }

    public RdConfig withKdWeight(double w) {
        return new RdConfig(topK, positionTemperature, dynamicWeights, dynamicStartEpoch, mu, dynamicSamples, w, averageOverList);
    }

    public RdConfig withDynamicWeights(boolean on, int startEpoch) {
        return new RdConfig(topK, positionTemperature, on, startEpoch, mu, dynamicSamples, kdWeight, averageOverList);
    }

    public RdConfig withAverageOverList(boolean average) {
        return new RdConfig(topK, positionTemperature, dynamicWeights, dynamicStartEpoch, mu, dynamicSamples, kdWeight, average);
    }

    @Override
    public String method() {
        return "rd";
    }

    /** (1 - w) * BPR + w * L_RD, the authors' mixing. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        Scorer scorer = TeacherInputs.scorer(teacher, data);
        return List.of(new BprObjective(1.0 - kdWeight), RankingDistillation.prepare(this, scorer, data.train(), executor));
    }
}
