package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Recall@K next to its inverse-propensity-weighted version ipsRecall@K (Yang et al., RecSys 2018)
 * for the teacher and every row, means over seeds: a model whose recall comes from popular
 * held-out items drops most under the weighting.
 */
final class IpsRecallChart {
    static final String PLAIN = "Recall";
    static final String IPS = "IPS-weighted recall";

    private IpsRecallChart() {
    }

    static Optional<JFreeChart> create(BackboneResults b, int k) {
        MetricKey recall = MetricName.RECALL.at(k);
        MetricKey ips = MetricName.IPS_RECALL.at(k);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        if (!b.teachers().isEmpty()) {
            String teacher = SeedMeans.teacherLabel(b);
            data.addValue(SeedMeans.teacher(b, recall).mean(), PLAIN, teacher);
            data.addValue(SeedMeans.teacher(b, ips).mean(), IPS, teacher);
        }
        for (ArmResult a : b.arms()) {
            if (!a.finals().isEmpty()) {
                data.addValue(SeedMeans.of(a, recall).mean(), PLAIN, a.label());
                data.addValue(SeedMeans.of(a, ips).mean(), IPS, a.label());
            }
        }
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createBarChart("Recall@" + k + " and IPS-weighted recall@" + k + ": " + b.title(), "method",
                "recall@" + k, data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, "Each held-out item weighted by (popularity + 1)^-gamma; mean over seeds.");
        chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(3);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setSeriesPaint(0, ChartStyle.TEST_SET);
        r.setSeriesPaint(1, ChartStyle.colour(0));
        return Optional.of(chart);
    }
}
