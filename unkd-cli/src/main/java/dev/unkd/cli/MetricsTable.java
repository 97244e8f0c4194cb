package dev.unkd.cli;

import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import dev.unkd.eval.UserAveraging;
import java.util.ArrayList;
import java.util.List;

/** A plain-text comparison table of accuracy and popularity-bias metrics, one row per model. */
final class MetricsTable {
    private static final MetricKey[] COLUMNS = {MetricName.RECALL.at(10), MetricName.NDCG.at(10), MetricName.RECALL.at(20),
        MetricName.NDCG.at(20), MetricName.POPULAR_RECALL.at(10), MetricName.UNPOPULAR_RECALL.at(10), MetricName.ARP.at(20),
        MetricName.COVERAGE.at(20), MetricName.GINI.at(20)};
    private static final MetricKey SHARE = MetricName.GROUP_SHARE.at(20);
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
        for (MetricKey c : COLUMNS) {
            sb.append(String.format(" %10s", abbreviate(c.toString())));
        }
        sb.append("  share of top-20 per popularity group (0 = most popular)\n");
        for (int r = 0; r < names.size(); r++) {
            EvaluationReport rep = reports.get(r);
            sb.append(String.format("%-" + nameWidth + "s", names.get(r)));
            for (MetricKey c : COLUMNS) {
                sb.append(rep.has(c) ? String.format(" %10.4f", rep.get(c)) : String.format(" %10s", "-"));
            }
            if (rep.has(SHARE)) {
                sb.append("  ");
                for (double s : rep.perGroup(SHARE)) {
                    sb.append(String.format("%.3f ", s));
                }
            }
            sb.append('\n');
        }
        reports.stream().filter(rep -> rep.averaging() == UserAveraging.ALL_USERS).findFirst().ifPresent(rep -> sb.append(String.format(
                "accuracy averaged over all %d users (%d with held-out items; the others count as 0)%n", rep.averagedUsers(),
                rep.users())));
        return sb.toString();
    }

    private static String abbreviate(String c) {
        return c.replace("popularRecall", "popR").replace("unpopR", "unpopR").replace("unpopularRecall", "unpopR").replace("coverage", "cov");
    }
}
