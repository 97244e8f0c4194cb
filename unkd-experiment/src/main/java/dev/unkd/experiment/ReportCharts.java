package dev.unkd.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;

/**
 * Renders every chart of a report into {@code DIR/img}: per dataset the long tail, per table the
 * group shares, the exposure-accuracy trade-off, the popular/unpopular recall change, plain and
 * IPS-weighted recall, the per-user popularity lift and the validation curves. A chart that
 * cannot be drawn is reported as a warning, never as a failed experiment.
 */
final class ReportCharts {
    private final Map<String, List<Figure>> byTable = new LinkedHashMap<>();
    private final Map<String, Figure> byDataset = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ReportCharts() {
    }

    static ReportCharts render(ExperimentResults results, Path dir) {
        return render(results, dir, Significance.NONE);
    }

    /** As {@link #render(ExperimentResults, Path)}, with the per-user box plot from the runs' kept values. */
    static ReportCharts render(ExperimentResults results, Path dir, Significance perUser) {
        ReportCharts charts = new ReportCharts();
        ExperimentConfig c = results.config();
        int kMin = c.ks().get(0);
        int kMax = c.ks().get(c.ks().size() - 1);
        for (DatasetFacts f : results.datasets()) {
            String name = slug(f.name()) + "-long-tail.png";
            charts.save(LongTailChart.create(f), dir, name).ifPresent(p -> charts.byDataset.put(f.name(), new Figure(
                    "Item popularity: " + f.name(), p, "Items sorted by training popularity with the boundaries of the "
                            + f.groups() + " popularity groups of the bias report.")));
        }
        for (BackboneResults b : results.tables()) {
            List<Figure> figs = new ArrayList<>();
            DatasetFacts f = results.facts(b.dataset().name());
            charts.save(GroupShareChart.create(b, f, kMax), dir, b.slug() + "-group-share.png").ifPresent(p -> figs.add(new Figure(
                    "Share of top-" + kMax + " slots per popularity group", p,
                    "Popularity bias shows as more slots than the test set's share in G0 and fewer in the tail.")));
            charts.tradeOff(b, f, kMax, kMin, dir).ifPresent(figs::add);
            PopularityRecallChart.create(b, kMin).flatMap(ch -> charts.save(ch, dir, b.slug() + "-popular-recall.png"))
                    .ifPresent(p -> figs.add(new Figure("Recall@" + kMin + " on popular and unpopular items vs. no KD", p,
                            "Change of each method's Recall@" + kMin + " on the popular and unpopular halves relative to the student "
                                    + "trained without distillation (the paper's Figure 5 view).")));
            IpsRecallChart.create(b, kMax).flatMap(ch -> charts.save(ch, dir, b.slug() + "-ips-recall.png"))
                    .ifPresent(p -> figs.add(new Figure("Recall@" + kMax + " and IPS-weighted recall@" + kMax, p,
                            "Plain recall next to the inverse-propensity-weighted one (each held-out item weighted by "
                                    + "(pop + 1)^-gamma): recall earned on popular items shrinks under the weighting.")));
            PopularityLiftChart.create(b, kMax, perUser).flatMap(ch -> charts.save(ch, dir, b.slug() + "-pop-lift.png"))
                    .ifPresent(p -> figs.add(new Figure("Per-user popularity lift@" + kMax, p,
                            "Distribution over test users of popLift@" + kMax + " per row: above 0, the top-" + kMax
                                    + " is more popular than the user's own training items.")));
            ValidationCurveChart.create(b).flatMap(ch -> charts.save(ch, dir, b.slug() + "-validation.png"))
                    .ifPresent(p -> figs.add(new Figure("Validation NDCG@20 per epoch", p,
                            "Training curves of each row's picked setting (first seed).")));
            charts.byTable.put(b.slug(), figs);
        }
        return charts;
    }

    /** The trade-off figure; a warning instead when no row has both of its numbers. */
    private Optional<Figure> tradeOff(BackboneResults b, DatasetFacts f, int kMax, int kMin, Path dir) {
        String name = b.slug() + "-trade-off.png";
        Optional<JFreeChart> chart = TradeOffChart.create(b, f, kMax, kMin);
        if (chart.isEmpty()) {
            warnings.add("chart " + name + " could not be drawn: no row has both a G0 share@" + kMax + " and a Recall@" + kMin);
            return Optional.empty();
        }
        return save(chart.get(), dir, name).map(p -> new Figure("Accuracy against popular-group exposure", p, "Each row's Recall@" + kMin
                + " against its share of top-" + kMax + " slots in G0, the most popular group (mean ± sd over seeds): points left of "
                + "the teacher's dashed line expose that group less than the teacher, higher points are more accurate."));
    }

    private Optional<String> save(JFreeChart chart, Path dir, String name) {
        try {
            ChartStyle.save(chart, dir.resolve("img").resolve(name));
            return Optional.of("img/" + name);
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            // a missing font or graphics library must not lose the numbers
            warnings.add("chart " + name + " could not be drawn: " + ExperimentRunner.message(e));
            return Optional.empty();
        }
    }

    List<Figure> forTable(BackboneResults b) {
        return byTable.getOrDefault(b.slug(), List.of());
    }

    Optional<Figure> forDataset(String dataset) {
        return Optional.ofNullable(byDataset.get(dataset));
    }

    List<String> warnings() {
        return warnings;
    }

    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
