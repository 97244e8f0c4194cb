package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The numbers the UnKD paper reports (Tables 3 and 4, K = 10), read from
 * {@code paper-reference.csv} on the class path, so results tables can show what a row
 * reproduces next to what we measured. Rows are the paper's names ("Teacher", "Student", "RD",
 * "CD", "DE-RRD", "HTD", "UnKD"); datasets "CiteULike", "Apps", "ML-1M"; backbones "MF",
 * "LightGCN". Lookups ignore case.
 */
final class PaperReference {
    private static final PaperReference INSTANCE = load();
    private final Map<String, Double> values;

    private PaperReference(Map<String, Double> values) {
        this.values = values;
    }

    static PaperReference get() {
        return INSTANCE;
    }

    /** The paper's value of a metric (recall@10, unpopularRecall@10, ...) for a dataset, backbone and row. */
    OptionalDouble value(String dataset, String backbone, String row, MetricKey metric) {
        Double v = values.get(key(dataset, backbone, row, metric.toString()));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static String key(String dataset, String backbone, String row, String metric) {
        return (dataset + "|" + backbone + "|" + row + "|" + metric).toLowerCase(Locale.ROOT);
    }

    private static PaperReference load() {
        Map<String, Double> values = new HashMap<>();
        try (InputStream in = PaperReference.class.getResourceAsStream("paper-reference.csv")) {
            if (in == null) {
                throw new IllegalStateException("paper-reference.csv is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                values.put(key(f[1], f[2], f[3], f[4]), Double.parseDouble(f[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PaperReference(values);
    }
}
