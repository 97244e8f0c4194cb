package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;

/**
 * Settings of RRD alone, the ranking half of DE-RRD (Kang, Hwang, Kweon, Yu, <i>DE-RRD: A
 * Knowledge Distillation Framework for Recommender System</i>, CIKM 2020, section 3.2): the
 * student's loss is BPR + L2 + kdWeight * L_RRD ({@link RrdDistillation}). The sampling and loss
 * constants are those of {@link DeRrdConfig} (the UnKD authors' {@code sample.py: class RRD}),
 * with the same defaults, so that {@code rrd} is exactly {@code de-rrd} with {@code deWeight = 0}.
 *
 * @param topT T, the depth of the teacher's list (100, as {@link DeRrdConfig#topT()})
 * @param interesting K, interesting items per user (20)
 * @param uninteresting L, uninteresting items per user, drawn uniformly outside the top T (20)
 * @param rankTemperature of the rank law exp(-(r + 1) / T) the interesting items are drawn with (30)
 * @param sigmoidScores apply the sigmoid to the student's scores before the list-wise loss (true, the UnKD code)
 * @param redrawEveryEpoch draw new samples every epoch (true, the DE-RRD code)
 * @param sampleInteresting draw the K interesting items from the teacher's top T with the rank law
 *     (true, the CIKM 2020 paper and code). False is the variant without "the sampling processes for
 *     top-ranked unobserved items", which the DE-RRD authors later found unnecessary and harmful
 *     (README of SeongKu-Kang/DE-RRD_CIKM20, section 5 "Update") and removed for RRD, MTD, CL-DRD
 *     and DCD in the experiments of HetComp (Kang et al., WWW 2023; README of
 *     SeongKu-Kang/HetComp_WWW23, section 2): the interesting items are then the teacher's top K
 *     unobserved items themselves, in the teacher's order; the uninteresting ones stay uniform
 *     draws outside the top T (set topT = interesting to draw them from everything below the top K)
 * @param kdWeight weight of L_RRD (0.01, DE-RRD's RRD weight chosen on CiteULike validation users)
 */
public record RrdConfig(
        @Param(flag = "--rrd-t", shared = true, description = "Teacher's top items the interesting items are drawn from") int topT,
        @Param(flag = "--rrd-k", shared = true, description = "Interesting items per user") int interesting,
        @Param(flag = "--rrd-l", shared = true, description = "Uninteresting items per user") int uninteresting,
        @Param(description = "Temperature of the rank law exp(-(r+1)/T) the interesting items are drawn with") double rankTemperature,
        @Param(description = "Apply the sigmoid to the student's scores before the list-wise loss (UnKD code)") boolean sigmoidScores,
        @Param(flag = "--rrd-redraw", shared = true, description = "Redraw the RRD samples every epoch (DE-RRD code) instead of once (UnKD code)")
        boolean redrawEveryEpoch,
        @Param(flag = "--rrd-sample", description = "Draw the interesting items from the teacher's top T by the rank law (the paper);"
                + " --no-rrd-sample takes the teacher's top K in order, as the DE-RRD and HetComp authors later recommend")
        boolean sampleInteresting,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the RRD term") double kdWeight) implements DistillerSettings {
    public RrdConfig {
        if (topT < 1) {
            throw new IllegalArgumentException("Invalid topT: " + topT + " (RRD top T, must be >= 1)");
        }
        if (interesting < 1 || interesting > topT) {
            throw new IllegalArgumentException("Invalid interesting: " + interesting + " (RRD interesting-item count, must be in 1.." + topT
                    + " = topT)");
        }
        if (uninteresting < 0) {
            throw new IllegalArgumentException("Invalid uninteresting: " + uninteresting + " (RRD uninteresting-item count, must be >= 0)");
        }
        if (!(rankTemperature > 0) || Double.isInfinite(rankTemperature)) {
            throw new IllegalArgumentException("Invalid rankTemperature: " + rankTemperature + " (RRD rank temperature, must be positive)");
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (RRD weight, must be >= 0)");
        }
    }

    /** DE-RRD's RRD defaults ({@link DeRrdConfig#defaults()}), with the paper's sampling. */
    public static RrdConfig defaults() {
        DeRrdConfig d = DeRrdConfig.defaults();
        return new RrdConfig(d.topT(), d.interesting(), d.uninteresting(), d.rankTemperature(), d.sigmoidScores(), d.redrawEveryEpoch(), true,
                d.kdWeight());
    }

    public RrdConfig withKdWeight(double w) {
        return new RrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redrawEveryEpoch, sampleInteresting, w);
    }

    public RrdConfig withSampling(int t, int k, int l) {
        return new RrdConfig(t, k, l, rankTemperature, sigmoidScores, redrawEveryEpoch, sampleInteresting, kdWeight);
    }

    public RrdConfig withSampleInteresting(boolean sample) {
        return new RrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redrawEveryEpoch, sample, kdWeight);
    }

    public RrdConfig withRedrawEveryEpoch(boolean redraw) {
        return new RrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redraw, sampleInteresting, kdWeight);
    }

    @Override
    public String method() {
        return "rrd";
    }

    /** BPR + kdWeight * L_RRD; the teacher's scores suffice. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        return List.of(new BprObjective(1.0), RrdDistillation.prepare(this, TeacherInputs.scorer(teacher, data), data.train(), executor));
    }
}
