package dev.unkd.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * One look for every report chart: white background, light grid, large enough fonts, legend
 * below, flat bars, and a colour-blind-safe palette (Okabe and Ito) in which each row of the
 * experiment keeps its colour across charts. PNGs are rendered headless.
 */
final class ChartStyle {
    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    /** Okabe-Ito, without yellow (too pale on white), then darker extras. */
    private static final Color[] PALETTE = {new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xE6, 0x9F, 0x00), new Color(0x88, 0x22, 0x55),
        new Color(0x44, 0xAA, 0x99), new Color(0x33, 0x22, 0x88), new Color(0x99, 0x99, 0x33)};
    static final Color REFERENCE = new Color(0x55, 0x55, 0x55);
    static final Color TEACHER = new Color(0x22, 0x22, 0x22);
    static final Color TEST_SET = new Color(0xB8, 0xB8, 0xB8);

    private ChartStyle() {
    }

    static Paint colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    static JFreeChart apply(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE);
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(REFERENCE);
            chart.addSubtitle(sub);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            cp.setRangeGridlineStroke(new BasicStroke(1f));
            axes(cp.getDomainAxis(), cp.getRangeAxis());
            if (cp.getRenderer() instanceof BarRenderer br) {
                br.setBarPainter(new StandardBarPainter());
                br.setShadowVisible(false);
                br.setDrawBarOutline(false);
                br.setItemMargin(0.04);
            }
        } else if (plot instanceof XYPlot xp) {
            xp.setRangeGridlinePaint(GRID);
            xp.setDomainGridlinePaint(GRID);
            xp.setRangeGridlineStroke(new BasicStroke(1f));
            xp.setDomainGridlineStroke(new BasicStroke(1f));
            axes(xp.getDomainAxis(), xp.getRangeAxis());
        }
        return chart;
    }

    private static void axes(Axis... axes) {
        for (Axis a : axes) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
        }
    }

    /** Writes the chart as PNG; AWT runs headless so this works on servers and in CI. */
    static void save(JFreeChart chart, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(file.getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
