package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Plot 1: the share of top-K slots falling in each popularity group, for the teacher and every
 * row, next to the test set's own share. Popularity bias shows as bars above the test set's in
 * group 0 and below it in the tail.
 */
final class GroupShareChart {
    static final String TEST_SET = "test set (held-out items)";

    private GroupShareChart() {
    }

    static JFreeChart create(BackboneResults b, DatasetFacts facts, int k) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String[] groups = new String[facts.groups()];
        for (int g = 0; g < groups.length; g++) {
            String which = g == 0 ? "most popular" : g == groups.length - 1 ? "long tail" : "";
            groups[g] = String.format(Locale.ROOT, "G%d%s (%,d items)", g, which.isEmpty() ? "" : " " + which, facts.groupItems()[g]);
        }
        for (int g = 0; g < groups.length; g++) {
            data.addValue(facts.testShare()[g], TEST_SET, groups[g]);
        }
        MetricKey metric = MetricName.GROUP_SHARE.at(k);
        if (!b.teachers().isEmpty()) {
            String teacher = SeedMeans.teacherLabel(b);
            for (int g = 0; g < groups.length; g++) {
                data.addValue(SeedMeans.teacher(b, metric, g).mean(), teacher, groups[g]);
            }
        }
        for (ArmResult a : b.arms()) {
            if (a.finals().isEmpty()) {
                continue;
            }
            for (int g = 0; g < groups.length; g++) {
                data.addValue(SeedMeans.of(a, metric, g).mean(), a.label(), groups[g]);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Share of top-" + k + " slots per popularity group: " + b.title(),
                "popularity group (each holds about 1/" + facts.groups() + " of the training interactions)",
                "share of top-" + k + " slots", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, "Bars above the test set's in G0 and below it in the tail mean popularity bias; mean over seeds.");
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        BarRenderer r = (BarRenderer) plot.getRenderer();
        SeriesColours colours = SeriesColours.of(b);
        for (int s = 0; s < data.getRowCount(); s++) {
            String key = (String) data.getRowKey(s);
            r.setSeriesPaint(s, key.equals(TEST_SET) ? ChartStyle.TEST_SET : colours.of(key));
        }
        return chart;
    }
}
