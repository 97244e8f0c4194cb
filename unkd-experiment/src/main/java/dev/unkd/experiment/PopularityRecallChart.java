package dev.unkd.experiment;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Plot 2, the paper's Figure 5 view: Recall@K on the popular and on the unpopular half of the
 * items (K = 2 popularity groups) of every distilled row, as a change relative to the student
 * trained without distillation. Standard KD raises the popular half and lowers the unpopular one;
 * UnKD should raise the unpopular half most.
 */
final class PopularityRecallChart {
    static final String POPULAR = "popular half";
    static final String UNPOPULAR = "unpopular half";

    private PopularityRecallChart() {
    }

    /** The chart, or empty when the table has no plain-student row to compare with. */
    static Optional<JFreeChart> create(BackboneResults b, int k) {
        Optional<ArmResult> plain = b.arms().stream().filter(a -> a.arm().spec().method() == DistillationMethods.NONE && !a.finals().isEmpty())
                .findFirst();
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        double basePop = mean(plain.get(), MetricName.POPULAR_RECALL.at(k));
        double baseUnpop = mean(plain.get(), MetricName.UNPOPULAR_RECALL.at(k));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ArmResult a : b.arms()) {
            if (a == plain.get() || a.finals().isEmpty()) {
                continue;
            }
            data.addValue(change(mean(a, MetricName.POPULAR_RECALL.at(k)), basePop), POPULAR, a.label());
            data.addValue(change(mean(a, MetricName.UNPOPULAR_RECALL.at(k)), baseUnpop), UNPOPULAR, a.label());
        }
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createBarChart("Recall@" + k + " on popular vs unpopular items: " + b.title(), "method",
                "change vs. student without KD (%)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, String.format(java.util.Locale.ROOT,
                "Items split in two halves of the training interactions; no-KD student: popular %.4f, unpopular %.4f (mean over seeds).",
                basePop, baseUnpop));
        CategoryPlot plot = chart.getCategoryPlot();
        // row labels such as "UnKD groups=10" wrap instead of shrinking to "Un..."
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        ValueMarker zero = new ValueMarker(0, Color.BLACK, new BasicStroke(1.2f));
        plot.addRangeMarker(zero);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, new Color(0xD5, 0x5E, 0x00));
        r.setSeriesPaint(1, new Color(0x00, 0x72, 0xB2));
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}%", new java.text.DecimalFormat("+0;-0")));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        return Optional.of(chart);
    }

    private static double mean(ArmResult a, MetricKey metric) {
        return SeedMeans.of(a, metric).mean();
    }

    private static double change(double value, double base) {
        return base > 0 ? (value / base - 1) * 100 : Double.NaN;
    }
}
