package dev.unkd.cli;

import dev.unkd.data.IdMap;
import dev.unkd.eval.MetricKey;
import dev.unkd.eval.UserMetrics;
import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code --per-user} file of {@code unkd evaluate}: a header {@code user,recall@10,...} and one
 * line per test user (external id, then every per-user metric in report order, full precision;
 * an empty cell where the metric is undefined for the user). Written atomically.
 */
final class UserMetricsCsv {
    private UserMetricsCsv() {
    }

    static void write(Path file, UserMetrics values, IdMap users) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write("user");
            for (MetricKey k : values.keys()) {
                w.write(',');
                w.write(k.toString());
            }
            w.write('\n');
            for (int b = 0; b < values.size(); b++) {
                w.write(csv(users.id(values.user(b))));
                for (int j = 0; j < values.keys().size(); j++) {
                    double v = values.value(j, b);
                    w.write(',');
                    if (!Double.isNaN(v)) {
                        w.write(Double.toString(v));
                    }
                }
                w.write('\n');
            }
        });
    }

    private static String csv(String id) {
        return id.contains(",") || id.contains("\"") || id.contains("\n") ? "\"" + id.replace("\"", "\"\"") + "\"" : id;
    }
}
