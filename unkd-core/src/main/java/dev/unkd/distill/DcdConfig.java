package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;

/**
 * Settings of DCD, the dual correction strategy for ranking distillation (Lee and Kim, <i>Dual
 * Correction Strategy for Ranking Distillation in Top-N Recommender System</i>, CIKM 2021):
 * user-side and item-side corrections drawn from the rank discrepancy between teacher and
 * student; the student's loss is BPR + L2 + kdWeight * (L_user + L_item)
 * ({@link DualCorrectionDistillation}). Constants from the KDs toolkit's DCD (woriazzc/KDs,
 * {@code configs/citeulike/bpr/dcd.yaml} and {@code modeling/KD/cf/baseline.py: DCD}), which
 * implements the user side; the item side mirrors it on the teacher's user lists per item.
 *
 * @param topT the teacher's top unobserved items per user (users per item) the corrections are drawn
 *     from (500: {@code dcd_mxK})
 * @param samples K, underestimated and overestimated items per user (users per item) per epoch
 *     (see docs/DISTILLERS.md for the default and its cost; KDs' {@code dcd_K} is 100)
 * @param epsilon the discrepancy temperature in tanh(max((r_S - r_T) / epsilon, 0)) (10: {@code dcd_T})
 * @param floor the least sampling weight of a listed item (1e-5: {@code torch.tensor(1e-5)} in KDs)
 * @param refreshEvery the student's ranks are recomputed at the start of epochs 1, 1 + n, 1 + 2n, ...
 *     (KDs: every epoch, n = 1; see docs/DISTILLERS.md for the default and why); samples are redrawn
 *     every epoch from the latest ranks
 * @param itemSide add the item-side correction (true, the paper's "dual" correction; false is the
 *     user side alone, as KDs)
 * @param kdWeight weight of the corrections (0.01: KDs' {@code lmbda}, there on sums over the batch's
 *     distinct users, here on means over the batch rows; not tuned)
 */
public record DcdConfig(
        @Param(flag = "--dcd-t", description = "Teacher's top items per user (users per item) the corrections are drawn from") int topT,
        @Param(flag = "--dcd-k", description = "Underestimated and overestimated items per user (users per item) per epoch") int samples,
        @Param(flag = "--dcd-epsilon", description = "Discrepancy temperature epsilon of tanh(max((r_S - r_T)/epsilon, 0))") double epsilon,
        @Param(description = "Least sampling weight of a listed item") double floor,
        @Param(flag = "--dcd-refresh", description = "Recompute the student's ranks every this many epochs") int refreshEvery,
        @Param(flag = "--dcd-item-side", description = "Add the item-side correction (--no-dcd-item-side: the user side alone, as KDs)")
        boolean itemSide,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the DCD corrections") double kdWeight) implements DistillerSettings {
    public DcdConfig {
        if (topT < 1) {
            throw new IllegalArgumentException("Invalid topT: " + topT + " (DCD list depth, must be >= 1)");
        }
        if (samples < 1 || samples > topT) {
            throw new IllegalArgumentException("Invalid samples: " + samples + " (DCD samples per list, must be in 1.." + topT + " = topT)");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Invalid epsilon: " + epsilon + " (DCD discrepancy temperature, must be positive)");
        }
        if (!(floor > 0) || floor > 1) {
            throw new IllegalArgumentException("Invalid floor: " + floor + " (DCD least sampling weight, must be in (0, 1])");
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("Invalid refreshEvery: " + refreshEvery + " (DCD rank refresh period in epochs, must be >= 1)");
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (DCD weight, must be >= 0)");
        }
    }

    public static DcdConfig defaults() {
        return new DcdConfig(500, DEFAULT_SAMPLES, 10, 1e-5, DEFAULT_REFRESH, true, 0.01);
    }

    /** K by default (docs/DISTILLERS.md: chosen for cost). */
    static final int DEFAULT_SAMPLES = 20;
    /** The rank refresh period by default (docs/DISTILLERS.md: chosen for cost). */
    static final int DEFAULT_REFRESH = 1;

    public DcdConfig withKdWeight(double w) {
        return new DcdConfig(topT, samples, epsilon, floor, refreshEvery, itemSide, w);
    }

    public DcdConfig withSampling(int t, int k) {
        return new DcdConfig(t, k, epsilon, floor, refreshEvery, itemSide, kdWeight);
    }

    public DcdConfig withRefreshEvery(int n) {
        return new DcdConfig(topT, samples, epsilon, floor, n, itemSide, kdWeight);
    }

    public DcdConfig withItemSide(boolean on) {
        return new DcdConfig(topT, samples, epsilon, floor, refreshEvery, on, kdWeight);
    }

    @Override
    public String method() {
        return "dcd";
    }

    /** BPR + kdWeight * (L_user + L_item); the teacher's scores suffice. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        return List.of(new BprObjective(1.0), DualCorrectionDistillation.prepare(this, TeacherInputs.scorer(teacher, data),
                teacher.embeddings(), data.train(), executor));
    }
}
