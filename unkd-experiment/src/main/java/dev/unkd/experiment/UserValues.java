package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import dev.unkd.eval.UserMetrics;
import dev.unkd.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The per-user test values of one run, kept for the paired tests and the popLift box plot in
 * {@code runs/KEY.users.csv.gz} next to the run's JSON: gzip'd CSV, header
 * {@code user,recall@10,...}, one line per test user (dense user index of the split, then the
 * values as floats; empty where undefined). Only the metrics the report uses are kept
 * ({@link #KEPT}): 16 values per user at K = 10, 20, about 0.15 MB per run for CiteULike's
 * 4,176 test users (docs/METRICS.md).
 *
 * @param users dense user indices, ascending
 * @param columns values per metric key ("recall@20"), aligned with {@code users}
 */
record UserValues(int[] users, Map<String, double[]> columns) {
    /** The per-user metrics kept per run. */
    static final Set<MetricName> KEPT = Set.of(MetricName.RECALL, MetricName.NDCG, MetricName.UNPOPULAR_RECALL, MetricName.APLT,
            MetricName.POP_LIFT, MetricName.MISCALIBRATION, MetricName.IPS_RECALL, MetricName.IPS_NDCG);

    static UserValues of(UserMetrics m) {
        int[] users = new int[m.size()];
        for (int b = 0; b < users.length; b++) {
            users[b] = m.user(b);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (MetricKey k : m.keys()) {
            if (KEPT.contains(k.metric())) {
                cols.put(k.toString(), m.column(k));
            }
        }
        return new UserValues(users, cols);
    }

    /** One metric's values, or empty when the run did not keep it. */
    Optional<double[]> column(MetricKey key) {
        return Optional.ofNullable(columns.get(key.toString()));
    }

    static Path file(Path runsDir, String key) {
        return runsDir.resolve(key + ".users.csv.gz");
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
            StringBuilder sb = new StringBuilder("user");
            columns.keySet().forEach(k -> sb.append(',').append(k));
            sb.append('\n');
            List<double[]> cols = new ArrayList<>(columns.values());
            for (int b = 0; b < users.length; b++) {
                sb.append(users[b]);
                for (double[] c : cols) {
                    sb.append(',');
                    if (!Double.isNaN(c[b])) {
                        sb.append((float) c[b]);
                    }
                }
                sb.append('\n');
                if (sb.length() > 1 << 15) {
                    gz.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            gz.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            gz.finish();
        });
    }

    /** The stored values, or empty when the file is absent or unreadable (then the run has no paired tests). */
    static Optional<UserValues> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split(",", -1);
            List<int[]> users = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length != header.length) {
                    return Optional.empty();
                }
                users.add(new int[] {Integer.parseInt(f[0])});
                double[] row = new double[f.length - 1];
                for (int j = 1; j < f.length; j++) {
                    row[j - 1] = f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
                }
                rows.add(row);
            }
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (int j = 1; j < header.length; j++) {
                double[] c = new double[rows.size()];
                for (int b = 0; b < c.length; b++) {
                    c[b] = rows.get(b)[j - 1];
                }
                cols.put(header[j], c);
            }
            return Optional.of(new UserValues(users.stream().mapToInt(u -> u[0]).toArray(), cols));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserValues v && Arrays.equals(users, v.users) && columns.keySet().equals(v.columns.keySet())
                && columns.keySet().stream().allMatch(k -> Arrays.equals(columns.get(k), v.columns.get(k)));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(users);
    }
}
