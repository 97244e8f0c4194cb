package dev.unkd.experiment;

import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.MetricKey;
import dev.unkd.eval.UserAveraging;
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
        s.put(EvaluationReport.USERS, (double) report.users());
        if (report.averaging() == UserAveraging.ALL_USERS) {
            s.put(EvaluationReport.AVERAGED_USERS, (double) report.averagedUsers());
        }
        for (MetricKey key : report.keys()) {
            if (key.metric().perGroup()) {
                a.put(key.toString(), report.perGroup(key));
            } else {
                s.put(key.toString(), report.get(key));
            }
        }
        return new Metrics(s, a);
    }

    /** A scalar metric, or NaN when absent (a failed or empty evaluation). */
    double get(MetricKey key) {
        return get(key.toString());
    }

    /** Element g of a per-group metric, or NaN. */
    double get(MetricKey key, int g) {
        return get(key.toString(), g);
    }

    /** A scalar by its name in files ("users", "recall@10"), or NaN when absent. */
    double get(String name) {
        Double v = scalars.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Element g of a per-group metric by its name in files, or NaN. */
    double get(String name, int g) {
        double[] a = arrays.get(name);
        return a == null || g >= a.length ? Double.NaN : a[g];
    }
}
