package dev.unkd.cli;

import dev.unkd.eval.EvaluationReport;
import java.util.ArrayList;
import java.util.List;

/** A plain-text comparison table of accuracy and popularity-bias metrics, one row per model. */
final class MetricsTable {
    private static final String[] COLUMNS = {"recall@10", "ndcg@10", "recall@20", "ndcg@20", "popularRecall@10", "unpopularRecall@10", "arp@20", "coverage@20", "gini@20"};
    private final List<String> names = new ArrayList<>();
    private final List<EvaluationReport> reports = new ArrayList<>();

    MetricsTable add(String name, EvaluationReport report) {
        names.add(name);
        reports.add(report);
        return this;
    }

    String render() {
        int nameWidth = Math.max(8, names.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + nameWidth + "s", "model"));
        for (String c : COLUMNS) {
            sb.append(String.format(" %10s", abbreviate(c)));
        }
        sb.append("  share of top-20 per popularity group (0 = most popular)\n");
        for (int r = 0; r < names.size(); r++) {
            EvaluationReport rep = reports.get(r);
            sb.append(String.format("%-" + nameWidth + "s", names.get(r)));
            for (String c : COLUMNS) {
                sb.append(rep.has(c) ? String.format(" %10.4f", rep.get(c)) : String.format(" %10s", "-"));
            }
            if (rep.has("groupShare@20")) {
                sb.append("  ");
                for (double s : rep.getArray("groupShare@20")) {
                    sb.append(String.format("%.3f ", s));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String abbreviate(String c) {
        return c.replace("popularRecall", "popR").replace("unpopR", "unpopR").replace("unpopularRecall", "unpopR").replace("coverage", "cov");
    }
}
