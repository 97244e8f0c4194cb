package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.teacher.TeacherTrajectory;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of HetComp (Kang, Kweon, Lee, Lian, Xie, Yu, <i>Distillation from Heterogeneous Models
 * for Top-K Recommendation</i>, WWW 2023): easy-to-hard ranking knowledge from the training
 * trajectories of one or more teachers ({@link HetcompDistillation}). Constants from the authors'
 * code (SeongKu-Kang/HetComp_WWW23, {@code main.py}, {@code Models/HetComp.py}) unless said; the
 * KDs toolkit (woriazzc/KDs, {@code configs/citeulike/bpr/hetcomp.yaml}) uses K = 50 and adds BPR.
 *
 * @param topK K, the constructed list of unobserved items per user (100: {@code K = 100}; KDs 50)
 * @param observed the training items per user ranked by the final teachers (10: {@code K // 10})
 * @param restSamples uniform draws per user and epoch that estimate the sum of e^s over the other
 *     unobserved items (0: the exact sum over all of them, as the authors; see docs/DISTILLERS.md
 *     for the default and its cost)
 * @param discrepancyDepth k of the NDCG discrepancy that moves users along the trajectory (50:
 *     {@code get_NDCG_u(..., k=50)})
 * @param period p, epochs between two construction steps (10: {@code --p})
 * @param alpha the move threshold's start (1.05: {@code --alpha})
 * @param thresholdDecay the threshold's decay per step ({@code alpha * 0.995 ** (epoch // p)})
 * @param gainTemperature T of the discrepancy's gains 2^{exp(-t/T)} - 1 (10)
 * @param ensembleBeta beta of the teachers' rank importance (r + 1)^-beta (0.05: CCD, KDD 2024,
 *     the authors' group; HetComp's own importances are not public)
 * @param overallFactor the KD weight's factor while users still follow checkpoints (overall
 *     relations) against the final ranking phase (2: {@code 0.01} against {@code 0.005})
 * @param bpr add BPR to the student's loss (true, as KDs; the authors train on the KD terms alone)
 * @param kdWeight weight of the ranking phase's loss (0.005: the authors' and KDs' {@code lmbda},
 *     there on sums over a batch's distinct users, here on means over the batch rows; not tuned)
 */
public record HetcompConfig(
        @Param(flag = "--hetcomp-k", description = "Unobserved items per user in the constructed (ensemble) list") int topK,
        @Param(flag = "--hetcomp-observed", description = "Training items per user ranked by the final teachers") int observed,
        @Param(flag = "--hetcomp-rest", description = "Uniform draws estimating the rest of the softmax per user and epoch (0: exact sum over"
                + " all unobserved items)") int restSamples,
        @Param(flag = "--hetcomp-depth", description = "Depth k of the NDCG discrepancy that moves users to later checkpoints")
        int discrepancyDepth,
        @Param(flag = "--hetcomp-p", description = "Epochs between two knowledge-construction steps") int period,
        @Param(flag = "--hetcomp-alpha", description = "Start of the move threshold alpha * decay^(epoch / p)") double alpha,
        @Param(description = "Decay of the move threshold per step") double thresholdDecay,
        @Param(description = "Temperature T of the discrepancy's gains 2^exp(-t/T) - 1") double gainTemperature,
        @Param(description = "Exponent beta of the teachers' rank importance (r + 1)^-beta in the ensemble") double ensembleBeta,
        @Param(description = "Factor of the KD weight while users follow checkpoints (overall-relation loss)") double overallFactor,
        @Param(flag = "--hetcomp-bpr", description = "Add BPR to the student's loss (KDs); --no-hetcomp-bpr: the KD terms alone (the authors)")
        boolean bpr,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the HetComp ranking loss") double kdWeight)
        implements DistillerSettings {
    public HetcompConfig {
        if (topK < 10) {
            throw new IllegalArgumentException("Invalid topK: " + topK + " (HetComp list length K, must be >= 10: the ranking loss uses K/10)");
        }
        if (observed < 1) {
            throw new IllegalArgumentException("Invalid observed: " + observed + " (HetComp observed items per user, must be >= 1)");
        }
        if (restSamples < 0) {
            throw new IllegalArgumentException("Invalid restSamples: " + restSamples + " (HetComp rest draws, must be >= 0; 0 = exact)");
        }
        if (discrepancyDepth < 1) {
            throw new IllegalArgumentException("Invalid discrepancyDepth: " + discrepancyDepth + " (HetComp NDCG depth, must be >= 1)");
        }
        if (period < 1) {
            throw new IllegalArgumentException("Invalid period: " + period + " (HetComp construction period in epochs, must be >= 1)");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Invalid alpha: " + alpha + " (HetComp move threshold, must be positive)");
        }
        if (!(thresholdDecay > 0) || thresholdDecay > 1) {
            throw new IllegalArgumentException("Invalid thresholdDecay: " + thresholdDecay + " (HetComp threshold decay, must be in (0, 1])");
        }
        if (!(gainTemperature > 0) || Double.isInfinite(gainTemperature)) {
            throw new IllegalArgumentException("Invalid gainTemperature: " + gainTemperature + " (HetComp gain temperature, must be positive)");
        }
        if (!(ensembleBeta > 0) || Double.isInfinite(ensembleBeta)) {
            throw new IllegalArgumentException("Invalid ensembleBeta: " + ensembleBeta + " (HetComp rank-importance exponent, must be positive)");
        }
        if (!(overallFactor >= 0) || Double.isInfinite(overallFactor)) {
            throw new IllegalArgumentException("Invalid overallFactor: " + overallFactor + " (HetComp overall-phase factor, must be >= 0)");
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (HetComp weight, must be >= 0)");
        }
    }

    /** Rest draws by default (docs/DISTILLERS.md: chosen for cost; the authors sum over all items). */
    static final int DEFAULT_REST_SAMPLES = 100;

    public static HetcompConfig defaults() {
        return new HetcompConfig(100, 10, DEFAULT_REST_SAMPLES, 50, 10, 1.05, 0.995, 10, 0.05, 2, true, 0.005);
    }

    public HetcompConfig withKdWeight(double w) {
        return new HetcompConfig(topK, observed, restSamples, discrepancyDepth, period, alpha, thresholdDecay, gainTemperature, ensembleBeta,
                overallFactor, bpr, w);
    }

    public HetcompConfig withLists(int k, int observedItems) {
        return new HetcompConfig(k, observedItems, restSamples, discrepancyDepth, period, alpha, thresholdDecay, gainTemperature,
                ensembleBeta, overallFactor, bpr, kdWeight);
    }

    public HetcompConfig withRestSamples(int m) {
        return new HetcompConfig(topK, observed, m, discrepancyDepth, period, alpha, thresholdDecay, gainTemperature, ensembleBeta,
                overallFactor, bpr, kdWeight);
    }

    public HetcompConfig withSchedule(int depth, int p, double a) {
        return new HetcompConfig(topK, observed, restSamples, depth, p, a, thresholdDecay, gainTemperature, ensembleBeta, overallFactor, bpr,
                kdWeight);
    }

    public HetcompConfig withBpr(boolean on) {
        return new HetcompConfig(topK, observed, restSamples, discrepancyDepth, period, alpha, thresholdDecay, gainTemperature, ensembleBeta,
                overallFactor, on, kdWeight);
    }

    @Override
    public String method() {
        return "hetcomp";
    }

    /**
     * [BPR +] kdWeight * L_HetComp. The teacher must carry training trajectories
     * ({@link dev.unkd.teacher.Teachers#trajectory}); any other teacher is refused.
     */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        List<TeacherTrajectory> trajectories = teacher.trajectories();
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("hetcomp distils from the teachers' training trajectories, but the teacher (" + teacher.source()
                    + ") has none: train it with checkpoints ('unkd train --checkpoints E1,E2,... --out T.unkd', or"
                    + " Pipeline.withCheckpoints) and give that model file with --teacher");
        }
        for (TeacherTrajectory t : trajectories) {
            if (t.finalModel().numUsers() != data.numUsers() || t.finalModel().numItems() != data.numItems()) {
                throw new IllegalArgumentException("teacher (" + t.source() + ") has " + t.finalModel().numUsers() + " users x "
                        + t.finalModel().numItems() + " items, data has " + data.numUsers() + " x " + data.numItems());
            }
        }
        List<BatchObjective> objectives = new ArrayList<>();
        if (bpr) {
            objectives.add(new BprObjective(1.0));
        }
        objectives.add(HetcompDistillation.prepare(this, trajectories, data.train(), executor));
        return List.copyOf(objectives);
    }
}
