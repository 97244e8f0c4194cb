package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exposure-accuracy trade-off of a hand-made table: each row's and the teacher's (G0 share@20,
 * Recall@10) means over two seeds, the lines at the teacher's and the test set's G0 share, the
 * PNG in the report, and a warning instead of a chart when no run stored group shares.
 */
class TradeOffChartTest {
    /** Per seed the mean plus or minus this, so every spread is SPREAD * sqrt(2). */
    private static final double SPREAD = 0.01;
    private static final double TEST_SHARE = 0.30;
    /** Means of (G0 share@20, Recall@10), in the order of the tiny config's rows: none, rd, cd, UnKD. */
    private static final double[][] ROWS = {{0.60, 0.15}, {0.57, 0.18}, {0.55, 0.17}, {0.42, 0.19}};
    private static final double[] TEACHER = {0.52, 0.21};

    @TempDir
    Path dir;

    @Test
    void datasetHoldsEveryRowsMeansOverSeedsAndTheTeachers() throws IOException {
        ExperimentResults results = results(true);
        BackboneResults b = results.tables().get(0);
        XYIntervalSeriesCollection data = dataset(TradeOffChart.create(b, results.datasets().get(0), 20, 10).orElseThrow());
        assertThat(data.getSeriesCount()).isEqualTo(ROWS.length + 1);
        for (int r = 0; r < ROWS.length; r++) {
            assertPoint(data, b.arms().get(r).label(), ROWS[r]);
        }
        assertPoint(data, "teacher mf-12", TEACHER);
        assertThat(b.arms().stream().map(ArmResult::label)).contains("UnKD", "rd");
    }

    @Test
    void dashedLineAtTheTeachersShareAndDottedAtTheTestSets() throws IOException {
        ExperimentResults results = results(true);
        JFreeChart chart = TradeOffChart.create(results.tables().get(0), results.datasets().get(0), 20, 10).orElseThrow();
        List<ValueMarker> lines = new ArrayList<>();
        for (Object m : chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND)) {
            lines.add((ValueMarker) m);
        }
        assertThat(lines).extracting(Marker::getLabel).containsExactly("teacher's G0 share", "test set's G0 share");
        assertThat(lines.get(0).getValue()).isCloseTo(TEACHER[0], offset(1e-12));
        assertThat(lines.get(1).getValue()).isCloseTo(TEST_SHARE, offset(1e-12));
        // both lines and all points in view
        assertThat(chart.getXYPlot().getDomainAxis().getRange().contains(TEST_SHARE)).isTrue();
        assertThat(chart.getXYPlot().getDomainAxis().getRange().contains(ROWS[0][0] + SPREAD * Math.sqrt(2))).isTrue();
    }

    @Test
    void reportWritesThePngAndBothReportsShowIt() throws IOException {
        ExperimentResults results = results(true);
        ReportCharts charts = ReportCharts.render(results, dir);
        String img = "img/tiny-mf-4-trade-off.png";
        assertThat(charts.forTable(results.tables().get(0))).extracting(Figure::path).contains(img);
        assertThat(charts.warnings()).noneMatch(w -> w.contains("trade-off"));
        BufferedImage image = ImageIO.read(dir.resolve(img).toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(ReportHtml.render(results, charts)).contains("<img src=\"" + img + "\"").contains("Accuracy against popular-group exposure");
        assertThat(ResultsMarkdown.render(results, charts)).contains("![Accuracy against popular-group exposure](" + img + ")");
    }

    @Test
    void withoutGroupSharesTheReportWarnsInsteadOfFailing() throws IOException {
        ExperimentResults results = results(false);
        assertThat(TradeOffChart.create(results.tables().get(0), results.datasets().get(0), 20, 10)).isEmpty();
        ReportCharts charts = ReportCharts.render(results, dir);
        assertThat(charts.warnings()).anyMatch(w -> w.startsWith("chart tiny-mf-4-trade-off.png could not be drawn"));
        assertThat(charts.forTable(results.tables().get(0))).extracting(Figure::path).doesNotContain("img/tiny-mf-4-trade-off.png")
                .contains("img/tiny-mf-4-group-share.png");
        assertThat(Files.exists(dir.resolve("img/tiny-mf-4-trade-off.png"))).isFalse();
        assertThat(ReportHtml.render(results, charts)).contains("trade-off.png could not be drawn");
    }

    private static void assertPoint(XYIntervalSeriesCollection data, String label, double[] mean) {
        int s = data.indexOf(label);
        assertThat(s).as(label).isNotNegative();
        assertThat(data.getItemCount(s)).isEqualTo(1);
        double sd = SPREAD * Math.sqrt(2);
        assertThat(data.getXValue(s, 0)).as(label).isCloseTo(mean[0], offset(1e-12));
        assertThat(data.getYValue(s, 0)).as(label).isCloseTo(mean[1], offset(1e-12));
        assertThat(data.getStartXValue(s, 0)).isCloseTo(mean[0] - sd, offset(1e-12));
        assertThat(data.getEndYValue(s, 0)).isCloseTo(mean[1] + sd, offset(1e-12));
    }

    private static XYIntervalSeriesCollection dataset(JFreeChart chart) {
        return (XYIntervalSeriesCollection) chart.getXYPlot().getDataset();
    }

    /** The tiny config's rows with two seeds each, at ROWS plus or minus SPREAD; group shares only if asked. */
    private static ExperimentResults results(boolean groupShares) throws IOException {
        ExperimentConfig c = TinyExperiments.config();
        StudentSpec student = c.students().get(0);
        List<ArmResult> arms = new ArrayList<>();
        for (int r = 0; r < ROWS.length; r++) {
            MethodSpec.Arm arm = c.methods().get(r).arms().get(0);
            List<RunResult> finals = new ArrayList<>();
            for (int seed = 1; seed <= 2; seed++) {
                finals.add(new RunResult(arm.label() + seed, "tiny", student.name(), "mf-4", "teacher", "mf-12", arm.spec().method().name(),
                        arm.label(), Map.of(), seed, Metrics.EMPTY, metrics(ROWS[r], seed, groupShares), 1, 1, 0, List.of()));
            }
            arms.add(new ArmResult("tiny", student.name(), arm, List.of(), Optional.empty(), finals));
        }
        List<TeacherResult> teachers = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            teachers.add(new TeacherResult("t" + seed, "tiny", "teacher", "mf-12", seed, Metrics.EMPTY, metrics(TEACHER, seed, groupShares), 1, 1,
                    0, List.of()));
        }
        BackboneResults b = new BackboneResults(c.datasets().get(0), student, c.teachers().get(0), teachers, Map.of(), arms);
        DatasetFacts facts = new DatasetFacts("tiny", "hand-made", 10, 20, 100, 10, 10,
                new int[] {20, 15, 10, 9, 8, 7, 6, 5, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 0, 0}, new int[] {0, 2, 5, 10}, new int[] {2, 3, 5, 10},
                new double[] {TEST_SHARE, 0.30, 0.25, 0.15});
        return new ExperimentResults(c, List.of(facts), List.of(b), List.of(), List.of(), 1, 0, 0, 0);
    }

    /** Seed 1 below the mean, seed 2 above it. */
    private static Metrics metrics(double[] mean, int seed, boolean groupShares) {
        double d = seed == 1 ? -SPREAD : SPREAD;
        double share = mean[0] + d;
        Map<String, double[]> arrays = groupShares ? Map.of("groupShare@20", new double[] {share, 1 - share, 0, 0}) : Map.of();
        return new Metrics(Map.of("recall@10", mean[1] + d), arrays);
    }
}
