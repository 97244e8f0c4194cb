package dev.unkd.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Plot 4: the long tail. Items sorted by training popularity (log scale), with the boundaries of
 * the popularity groups: each group holds about the same number of interactions, so the first
 * holds a handful of items and the last most of the catalogue.
 */
final class LongTailChart {
    private LongTailChart() {
    }

    static JFreeChart create(DatasetFacts facts) {
        XYSeries s = new XYSeries("training interactions per item", false, true);
        int[] pop = facts.popularity();
        int positive = 0;
        for (int r = 0; r < pop.length && pop[r] > 0; r++) {
            s.add(r + 1, pop[r]);
            positive++;
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        JFreeChart chart = ChartFactory.createXYLineChart("Item popularity and popularity groups: " + facts.name(),
                "item rank", "training interactions", data, PlotOrientation.VERTICAL, true, false, false);
        StringBuilder sub = new StringBuilder();
        for (int g = 0; g < facts.groups(); g++) {
            sub.append(String.format(Locale.ROOT, "%sG%d: %,d items", g == 0 ? "" : ", ", g, facts.groupItems()[g]));
        }
        if (positive < pop.length) {
            sub.append(String.format(Locale.ROOT, "; %,d items without training interactions not shown (in no group)", pop.length - positive));
        }
        ChartStyle.apply(chart, sub.toString());
        XYPlot plot = chart.getXYPlot();
        LogAxis y = new LogAxis("training interactions (log scale)");
        y.setBase(10);
        y.setSmallestValue(1);
        decades(y);
        plot.setRangeAxis(y);
        // log-log: the head (a few hundred items) and the tail (tens of thousands) both stay visible
        LogAxis x = new LogAxis("item rank by training popularity (log scale)");
        x.setBase(10);
        x.setSmallestValue(1);
        decades(x);
        plot.setDomainAxis(x);
        ChartStyle.apply(chart, null);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, new Color(0x00, 0x72, 0xB2));
        line.setSeriesStroke(0, new BasicStroke(2.5f));
        plot.setRenderer(line);
        for (int g = 1; g < facts.groups(); g++) {
            ValueMarker m = new ValueMarker(facts.groupStarts()[g] + 0.5, new Color(0xD5, 0x5E, 0x00),
                    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            m.setLabel("G" + g + " from rank " + (facts.groupStarts()[g] + 1));
            m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
            // text to the left of its line: the last boundary often sits near the right edge
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 220));
            m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4 + 16 * (g - 1), 4, 4, 4));
            plot.addDomainMarker(m);
        }
        return chart;
    }

    /** Ticks at 1, 10, 100, ... with unlabelled minor ticks between (the default picks fractional powers). */
    private static void decades(LogAxis axis) {
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
    }
}
