package dev.unkd.experiment;

import dev.unkd.eval.EvaluationReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one evaluation as stored in run files: scalars ("recall@10") and per-group
 * arrays ("groupShare@20"), in the evaluator's order.
 */
record Metrics(Map<String, Double> scalars, Map<String, double[]> arrays) {
    static final Metrics EMPTY = new Metrics(Map.of(), Map.of());

    Metrics {
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    static Metrics of(EvaluationReport report) {
        Map<String, Double> s = new LinkedHashMap<>();
        Map<String, double[]> a = new LinkedHashMap<>();
        report.asMap().forEach((k, v) -> {
            if (v instanceof Double d) {
                s.put(k, d);
            } else if (v instanceof double[] arr) {
                a.put(k, arr.clone());
            }
        });
        return new Metrics(s, a);
    }

    /** A scalar, or NaN when absent (a failed or empty evaluation). */
    double get(String name) {
        Double v = scalars.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Element g of a per-group metric, or NaN. */
    double get(String name, int g) {
        double[] a = arrays.get(name);
        return a == null || g >= a.length ? Double.NaN : a[g];
    }
}
