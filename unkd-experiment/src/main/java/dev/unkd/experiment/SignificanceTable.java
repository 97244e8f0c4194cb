package dev.unkd.experiment;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The paired tests of one results table: every distilled student row against the student without
 * distillation, against the best other row (the other student row with the highest mean
 * NDCG at the largest K) and against UnKD's row when there is one and it is neither, on the
 * per-user recall, NDCG, unpopular-half recall, IPS recall, aplt and popLift at the largest K
 * ({@link PairedDifference}: mean difference row − other, 95% bootstrap CI, Wilcoxon signed-rank
 * p-value). The p-values of all the table's tests form one family, Holm-corrected;
 * a difference is marked significant when its corrected p-value is below {@value #ALPHA}.
 * Rows whose runs kept no per-user values (stored by an older version) have no tests.
 */
final class SignificanceTable {
    static final double ALPHA = 0.05;

    /** One test: {@code row} − {@code versus} on {@code metric}. */
    record Test(String row, String versus, MetricKey metric, PairedDifference difference, double pHolm) {
        boolean significant() {
            return !Double.isNaN(pHolm) && pHolm < ALPHA;
        }

        /** "+0.0123 [+0.0050, +0.0190] p=0.0040*" (* when significant after correction), "–" without pairs. */
        String format() {
            PairedDifference d = difference;
            if (!d.isPresent()) {
                return "–";
            }
            return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f] p=%.2g%s", d.mean(), d.low(), d.high(), pHolm, significant() ? "*" : "");
        }
    }

    /** A row, the row it is tested against, and how the table names that one. */
    private record Pairing(ArmResult row, ArmResult other, String versus) {
    }

    /** The tests of one row against one other row, one per metric. */
    record Line(String row, String versus, List<Test> tests) {
    }

    private final String title;
    private final List<MetricKey> metrics;
    private final List<Line> lines;

    private SignificanceTable(String title, List<MetricKey> metrics, List<Line> lines) {
        this.title = title;
        this.metrics = metrics;
        this.lines = lines;
    }

    String title() {
        return title;
    }

    List<MetricKey> metrics() {
        return metrics;
    }

    List<Line> lines() {
        return lines;
    }

    int tests() {
        return (int) lines.stream().flatMap(l -> l.tests().stream()).filter(t -> t.difference().isPresent()).count();
    }

    static List<MetricKey> metrics(int k) {
        return List.of(MetricName.RECALL.at(k), MetricName.NDCG.at(k), MetricName.UNPOPULAR_RECALL.at(k), MetricName.IPS_RECALL.at(k),
                MetricName.APLT.at(k), MetricName.POP_LIFT.at(k));
    }

    /** The tests of a table; {@code values} holds the per-user values by run key (runs without are absent). */
    static SignificanceTable of(BackboneResults b, ExperimentConfig config, Map<String, UserValues> values) {
        int k = config.ks().get(config.ks().size() - 1);
        List<MetricKey> metrics = metrics(k);
        MetricKey rank = MetricName.NDCG.at(k);
        List<ArmResult> rows = b.arms().stream().filter(a -> a.finals().stream().anyMatch(r -> values.containsKey(r.key()))).toList();
        Optional<ArmResult> plain = rows.stream().filter(a -> a.arm().spec().method() == DistillationMethods.NONE).findFirst();
        // the paper's method is the reference a debiasing distiller has to match on the unpopular half
        Optional<ArmResult> unkd = rows.stream().filter(a -> a.arm().spec().method() == DistillationMethods.UNKD).findFirst();
        List<Pairing> pairs = new ArrayList<>();
        for (ArmResult a : rows) {
            if (plain.isPresent() && a == plain.get()) {
                continue; // its tests are the other rows' "versus no KD" ones
            }
            plain.ifPresent(p -> pairs.add(new Pairing(a, p, p.label().contains("no KD") ? p.label() : p.label() + " (no KD)")));
            Optional<ArmResult> best = rows.stream().filter(o -> o != a).max((x, y) -> Double.compare(meanOf(x, rank), meanOf(y, rank)))
                    .filter(o -> plain.isEmpty() || o != plain.get());
            best.ifPresent(o -> pairs.add(new Pairing(a, o, o.label() + " (best other)")));
            unkd.filter(u -> u != a && (best.isEmpty() || u != best.get())).ifPresent(u -> pairs.add(new Pairing(a, u, u.label() + " (reference)")));
        }
        List<PairedDifference> diffs = new ArrayList<>();
        for (Pairing pair : pairs) {
            for (MetricKey m : metrics) {
                diffs.add(compare(pair.row(), pair.other(), m, values));
            }
        }
        double[] holm = PairedDifference.holm(diffs.stream().mapToDouble(PairedDifference::p).toArray());
        List<Line> lines = new ArrayList<>();
        int t = 0;
        for (Pairing pair : pairs) {
            List<Test> tests = new ArrayList<>();
            for (MetricKey m : metrics) {
                tests.add(new Test(pair.row().label(), pair.versus(), m, diffs.get(t), holm[t]));
                t++;
            }
            lines.add(new Line(pair.row().label(), pair.versus(), tests));
        }
        return new SignificanceTable("Paired tests: " + b.title(), metrics, lines);
    }

    private static double meanOf(ArmResult a, MetricKey m) {
        return a.finals().stream().mapToDouble(r -> r.test().get(m)).filter(v -> !Double.isNaN(v)).average().orElse(Double.NEGATIVE_INFINITY);
    }

    /** Pairs the users of the two rows within each seed and averages each user's differences over seeds. */
    static PairedDifference compare(ArmResult a, ArmResult b, MetricKey metric, Map<String, UserValues> values) {
        TreeMap<Integer, double[]> perUser = new TreeMap<>(); // user -> {sum of differences, seeds}
        int seeds = 0;
        for (RunResult ra : a.finals()) {
            Optional<RunResult> rb = b.finals().stream().filter(r -> r.seed() == ra.seed()).findFirst();
            UserValues va = values.get(ra.key());
            UserValues vb = rb.map(r -> values.get(r.key())).orElse(null);
            if (va == null || vb == null || va.column(metric).isEmpty() || vb.column(metric).isEmpty()) {
                continue;
            }
            seeds++;
            double[] xa = va.column(metric).get();
            double[] xb = vb.column(metric).get();
            Map<Integer, Integer> rowOf = new TreeMap<>();
            for (int j = 0; j < vb.users().length; j++) {
                rowOf.put(vb.users()[j], j);
            }
            for (int i = 0; i < va.users().length; i++) {
                Integer j = rowOf.get(va.users()[i]);
                if (j != null && !Double.isNaN(xa[i]) && !Double.isNaN(xb[j])) {
                    double[] acc = perUser.computeIfAbsent(va.users()[i], u -> new double[2]);
                    acc[0] += xa[i] - xb[j];
                    acc[1]++;
                }
            }
        }
        double[] d = perUser.values().stream().mapToDouble(acc -> acc[0] / acc[1]).toArray();
        return PairedDifference.of(d, seeds);
    }

    /** The method note printed under the table. */
    String note() {
        return "Δ = mean over test users of (row − other), each user's difference averaged over the seeds (users paired within a seed, "
                + "same split); [95% percentile bootstrap CI, " + String.format(Locale.ROOT, "%,d", PairedDifference.RESAMPLES)
                + " resamples, seed " + PairedDifference.SEED + "]; p = two-sided Wilcoxon signed-rank test (zero differences dropped; "
                + "exact up to " + PairedDifference.EXACT_LIMIT + " non-zero differences, normal approximation above), Holm-corrected over the "
                + tests() + " tests of this table; * = significant at " + ALPHA + " after correction. \"best other\" = the other student "
                + "row with the highest mean " + metrics.get(1) + "; \"reference\" = the table's UnKD row, when it is neither.";
    }
}
