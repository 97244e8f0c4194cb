package dev.unkd.experiment;

import java.awt.BasicStroke;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Plot 3: validation NDCG@20 per evaluated epoch for every row (its picked setting, first seed),
 * from the training curve: how fast each method learns, where it peaks and when early stopping
 * ended it.
 */
final class ValidationCurveChart {
    private ValidationCurveChart() {
    }

    static Optional<JFreeChart> create(BackboneResults b) {
        XYSeriesCollection data = new XYSeriesCollection();
        SeriesColours colours = SeriesColours.of(b);
        long seed = -1;
        for (ArmResult a : b.arms()) {
            if (a.finals().isEmpty() || a.finals().get(0).curve().isEmpty()) {
                continue;
            }
            RunResult r = a.finals().get(0);
            seed = r.seed();
            XYSeries s = new XYSeries(a.label(), false, false);
            for (CurvePoint p : r.curve()) {
                s.add(p.epoch(), p.value());
            }
            data.addSeries(s);
        }
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Validation NDCG@20 during training: " + b.title(), "epoch",
                "validation NDCG@20", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, "Each row's picked setting, seed " + seed + "; the kept model is the peak of its curve.");
        XYPlot plot = chart.getXYPlot();
        // markers only when the curves are short enough for them to help
        boolean shapes = data.getSeries().stream().mapToInt(x -> ((XYSeries) x).getItemCount()).max().orElse(0) <= 40;
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            r.setSeriesPaint(s, colours.of((String) data.getSeriesKey(s)));
            r.setSeriesStroke(s, new BasicStroke(2.2f));
        }
        plot.setRenderer(r);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((org.jfree.chart.axis.NumberAxis) plot.getDomainAxis()).setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        return Optional.of(chart);
    }
}
