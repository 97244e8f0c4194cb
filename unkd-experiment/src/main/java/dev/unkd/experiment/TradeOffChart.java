package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The exposure-accuracy trade-off: one labelled point per row at (its share of top-K slots in
 * popularity group 0, Recall@k), means over its final seeds with one standard deviation as error
 * bars, the teacher as a diamond, a dashed line at the teacher's G0 share and a dotted one at the
 * test set's. Debiasing the student is only worth it if accuracy holds up, so a good method sits
 * high and left of the dashed line (less popular-group exposure than the teacher it learnt from).
 */
final class TradeOffChart {
    private static final float[] DASHED = {8f, 6f};
    private static final float[] DOTTED = {2f, 4f};
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);

    private TradeOffChart() {
    }

    /**
     * The chart, or empty when no row has both numbers (no group shares or no recall stored).
     *
     * @param shareK the K of the G0 share (the report's largest)
     * @param recallK the K of the recall (the report's smallest)
     */
    static Optional<JFreeChart> create(BackboneResults b, DatasetFacts facts, int shareK, int recallK) {
        MetricKey share = MetricName.GROUP_SHARE.at(shareK);
        MetricKey recall = MetricName.RECALL.at(recallK);
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (ArmResult a : b.arms()) {
            point(data, a.label(), SeedMeans.of(a, share, 0), SeedMeans.of(a, recall));
        }
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        MeanStd teacherShare = SeedMeans.teacher(b, share, 0);
        boolean teacherShown = point(data, SeedMeans.teacherLabel(b), teacherShare, SeedMeans.teacher(b, recall));

        NumberAxis x = new NumberAxis("share of top-" + shareK + " slots in G0 (most popular group)");
        x.setAutoRangeIncludesZero(false);
        x.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        NumberAxis y = new NumberAxis("Recall@" + recallK);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer(data, SeriesColours.of(b)));
        double testShare = facts.groups() > 0 ? facts.testShare()[0] : Double.NaN;
        if (teacherShown) {
            plot.addDomainMarker(line(teacherShare.mean(), "teacher's G0 share", ChartStyle.TEACHER, DASHED));
        }
        if (!Double.isNaN(testShare)) {
            plot.addDomainMarker(line(testShare, "test set's G0 share", ChartStyle.REFERENCE, DOTTED));
        }
        // markers do not widen the auto range: show both lines even when every point is on one side
        x.setRange(domain(data, testShare));

        // the legend as well as the point labels: labels of close points overlap
        JFreeChart chart = new JFreeChart("Accuracy against popular-group exposure: " + b.title(), plot);
        return Optional.of(ChartStyle.apply(chart, "Mean ± sd over seeds; left of the teacher's dashed line: less popular-group exposure "
                + "than the teacher."));
    }

    /** Adds a one-point series unless a number is missing; true when added. */
    private static boolean point(XYIntervalSeriesCollection data, String label, MeanStd share, MeanStd recall) {
        if (!share.isPresent() || !recall.isPresent()) {
            return false;
        }
        XYIntervalSeries s = new XYIntervalSeries(label);
        s.add(share.mean(), share.mean() - share.std(), share.mean() + share.std(), recall.mean(), recall.mean() - recall.std(),
                recall.mean() + recall.std());
        data.addSeries(s);
        return true;
    }

    private static XYErrorRenderer renderer(XYIntervalSeriesCollection data, SeriesColours colours) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setDefaultShapesVisible(true);
        r.setCapLength(6);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            String label = (String) data.getSeriesKey(s);
            Paint paint = colours.of(label);
            r.setSeriesPaint(s, paint);
            r.setSeriesShape(s, label.startsWith("teacher") ? ShapeUtils.createDiamond(7f) : new Ellipse2D.Double(-5, -5, 10, 10));
        }
        // the error bars take the point's colour instead of one grey for all
        r.setErrorPaint(null);
        r.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator("{0}"));
        r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        r.setDefaultItemLabelsVisible(true);
        return r;
    }

    /** From the leftmost to the rightmost error bar or line, with a margin; never of zero width. */
    private static Range domain(XYIntervalSeriesCollection data, double testShare) {
        double lo = Double.isNaN(testShare) ? Double.POSITIVE_INFINITY : testShare;
        double hi = Double.isNaN(testShare) ? Double.NEGATIVE_INFINITY : testShare;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            lo = Math.min(lo, data.getStartXValue(s, 0));
            hi = Math.max(hi, data.getEndXValue(s, 0));
        }
        double margin = Math.max(0.08 * (hi - lo), 0.01);
        return new Range(Math.max(0, lo - margin), hi + margin);
    }

    private static ValueMarker line(double at, String label, Paint paint, float[] dash) {
        ValueMarker m = new ValueMarker(at, paint, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        m.setLabelPaint(paint);
        m.setLabelBackgroundColor(LABEL_BACKGROUND);
        // at the bottom: the teacher's point, usually the most accurate, has its own label at the top
        m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return m;
    }
}
