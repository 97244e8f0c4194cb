package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A test metric's mean and spread over seeds, for a table row's final runs or the table's own
 * teacher: the numbers the charts plot, taken as the tables take them (seeds without the metric
 * left out).
 */
final class SeedMeans {
    private SeedMeans() {
    }

    static MeanStd of(ArmResult row, MetricKey metric) {
        return over(row.finals(), r -> r.test().get(metric));
    }

    /** Element {@code group} of a per-group metric such as groupShare@K. */
    static MeanStd of(ArmResult row, MetricKey metric, int group) {
        return over(row.finals(), r -> r.test().get(metric, group));
    }

    static MeanStd teacher(BackboneResults b, MetricKey metric) {
        return over(b.teachers(), t -> t.test().get(metric));
    }

    static MeanStd teacher(BackboneResults b, MetricKey metric, int group) {
        return over(b.teachers(), t -> t.test().get(metric, group));
    }

    /** The teacher's name in chart legends: "teacher mf-100" (its colour comes from this prefix). */
    static String teacherLabel(BackboneResults b) {
        return "teacher " + b.teacherSpec().model().label();
    }

    private static <T> MeanStd over(List<T> seeds, ToDoubleFunction<T> value) {
        return MeanStd.of(seeds.stream().mapToDouble(value).toArray());
    }
}
