package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.BoxAndWhiskerCalculator;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The distribution of per-user popularity lift (popLift@K, K the largest) of every student row:
 * a box plot (median, quartiles, whiskers at the most extreme values within 1.5 IQR; no outlier
 * markers) over the test users of all its seeds; the means are in the popularity-bias table. Boxes above 0 recommend more popular items than the users' own histories.
 */
final class PopularityLiftChart {
    private PopularityLiftChart() {
    }

    /** The chart, or empty when no row kept per-user values. */
    static Optional<JFreeChart> create(BackboneResults b, int k, Significance values) {
        MetricKey lift = MetricName.POP_LIFT.at(k);
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (ArmResult a : b.arms()) {
            List<Double> all = new ArrayList<>();
            for (RunResult r : a.finals()) {
                values.values(r).flatMap(v -> v.column(lift)).ifPresent(col -> {
                    for (double x : col) {
                        if (!Double.isNaN(x)) {
                            all.add(x);
                        }
                    }
                });
            }
            if (!all.isEmpty()) {
                // the box and whiskers only: thousands of users make outlier markers a smear
                BoxAndWhiskerItem box = BoxAndWhiskerCalculator.calculateBoxAndWhiskerStatistics(all);
                data.add(new BoxAndWhiskerItem(box.getMean(), box.getMedian(), box.getQ1(), box.getQ3(), box.getMinRegularValue(),
                        box.getMaxRegularValue(), box.getMinRegularValue(), box.getMaxRegularValue(), List.of()), "popLift@" + k, a.label());
            }
        }
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setMeanVisible(false);
        renderer.setFillBox(true);
        renderer.setSeriesPaint(0, ChartStyle.colour(0));
        renderer.setMaximumBarWidth(0.12);
        CategoryAxis x = new CategoryAxis("method");
        x.setMaximumCategoryLabelLines(3);
        NumberAxis y = new NumberAxis("popLift@" + k + " per user (mean top-" + k + " popularity / mean profile popularity − 1)");
        y.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1.2f)));
        JFreeChart chart = new JFreeChart("Per-user popularity lift: " + b.title(), plot);
        chart.removeLegend();
        ChartStyle.apply(chart, "Box: quartiles and median; whiskers: extreme values within 1.5 IQR; test users of every seed; means in the table.");
        return Optional.of(chart);
    }
}
