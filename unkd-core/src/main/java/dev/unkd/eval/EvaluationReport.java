package dev.unkd.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one evaluation, by name ("recall@10", "groupShare@20", ...). Scalar metrics are
 * doubles, per-group metrics double arrays. Insertion order is kept for stable JSON and tables.
 */
public final class EvaluationReport {
    private final Map<String, Object> metrics = new LinkedHashMap<>();

    void put(String name, double value) {
        metrics.put(name, value);
    }

    void put(String name, double[] values) {
        metrics.put(name, values);
    }

    public double get(String name) {
        Object v = metrics.get(name);
        if (!(v instanceof Double d)) {
            throw new IllegalArgumentException("no scalar metric '" + name + "' (have " + metrics.keySet() + ")");
        }
        return d;
    }

    public double[] getArray(String name) {
        Object v = metrics.get(name);
        if (!(v instanceof double[] a)) {
            throw new IllegalArgumentException("no per-group metric '" + name + "' (have " + metrics.keySet() + ")");
        }
        return a.clone();
    }

    public boolean has(String name) {
        return metrics.containsKey(name);
    }

    /** All metrics; values are Double or double[]. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(metrics);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        metrics.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
                .append(v instanceof double[] a ? java.util.Arrays.toString(a) : v));
        return sb.append('}').toString();
    }
}
