package dev.unkd.experiment;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.MethodDescriptor;
import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * A results table in the paper's layout, independent of how it is rendered (Markdown, HTML,
 * terminal): methods as rows with mean ± std over seeds, the best student per marked column, the
 * gain of UnKD over the best other student row, and the paper's numbers for rows that say which
 * paper row they reproduce.
 *
 * <p>Two tables per dataset and student: {@link #accuracy} (Recall and NDCG at every K) and
 * {@link #bias} (recall on the popular and unpopular halves, and the share of top-K slots per
 * popularity group, with the test set's own share as a reference row).
 */
final class ResultTable {
    enum Kind { TEACHER, STUDENT, REFERENCE }

    /**
     * @param higherIsBetter whether the best student row is marked in this column
     */
    record Column(String header, ToDoubleFunction<Metrics> value, boolean higherIsBetter) {
    }

    /**
     * @param reference the paper's numbers for this row, already formatted, or ""
     */
    record Row(String label, Kind kind, MethodDescriptor<?> method, List<MeanStd> cells, String setting, String reference) {
    }

    private final String title;
    private final List<Column> columns;
    private final List<Row> rows;
    private final String referenceHeader;

    private ResultTable(String title, List<Column> columns, List<Row> rows, String referenceHeader) {
        this.title = title;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.referenceHeader = referenceHeader;
    }

    String title() {
        return title;
    }

    List<Column> columns() {
        return columns;
    }

    List<Row> rows() {
        return rows;
    }

    /** Header of the paper column, or "" when no row has a reference. */
    String referenceHeader() {
        return rows.stream().anyMatch(r -> !r.reference().isEmpty()) ? referenceHeader : "";
    }

    static ResultTable accuracy(BackboneResults b, ExperimentConfig config) {
        List<Column> cols = new ArrayList<>();
        for (int k : config.ks()) {
            cols.add(new Column("R@" + k, m -> m.get(MetricName.RECALL.at(k)), true));
            cols.add(new Column("N@" + k, m -> m.get(MetricName.NDCG.at(k)), true));
        }
        return build("Accuracy: " + b.title(), b, cols, List.of(MetricName.RECALL.at(10), MetricName.NDCG.at(10)), "paper R@10 / N@10", Optional.empty());
    }

    static ResultTable bias(BackboneResults b, ExperimentConfig config, DatasetFacts facts) {
        int kMin = config.ks().get(0);
        int kMax = config.ks().get(config.ks().size() - 1);
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("pop R@" + kMin, m -> m.get(MetricName.POPULAR_RECALL.at(kMin)), true));
        cols.add(new Column("unpop R@" + kMin, m -> m.get(MetricName.UNPOPULAR_RECALL.at(kMin)), true));
        for (int g = 0; g < facts.groups(); g++) {
            int group = g;
            // a share is neither good nor bad by itself: compare it with the test set's row
            cols.add(new Column("G" + g + " share@" + kMax, m -> m.get(MetricName.GROUP_SHARE.at(kMax), group), false));
        }
        List<MeanStd> testShare = new ArrayList<>();
        testShare.add(MeanStd.NONE);
        testShare.add(MeanStd.NONE);
        for (double s : facts.testShare()) {
            testShare.add(MeanStd.of(new double[] {s}));
        }
        Row reference = new Row("test set", Kind.REFERENCE, null, testShare, "", "");
        return build("Popularity bias: " + b.title(), b, cols, List.of(MetricName.POPULAR_RECALL.at(10), MetricName.UNPOPULAR_RECALL.at(10)),
                "paper pop / unpop R@10", Optional.of(reference));
    }

    /**
     * The popularity-bias metrics of issue 13 at the largest K (docs/METRICS.md): aplt, popRsp,
     * popReo, popLift, miscalibration, and the IPS-weighted recall and NDCG next to the plain
     * ones; the best student is marked in the IPS columns only (the others have no "better" side
     * by themselves).
     */
    static ResultTable popularity(BackboneResults b, ExperimentConfig config) {
        int k = config.ks().get(config.ks().size() - 1);
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("aplt@" + k, m -> m.get(MetricName.APLT.at(k)), false));
        cols.add(new Column("popRsp@" + k, m -> m.get(MetricName.POP_RSP.at(k)), false));
        cols.add(new Column("popReo@" + k, m -> m.get(MetricName.POP_REO.at(k)), false));
        cols.add(new Column("popLift@" + k, m -> m.get(MetricName.POP_LIFT.at(k)), false));
        cols.add(new Column("miscal@" + k, m -> m.get(MetricName.MISCALIBRATION.at(k)), false));
        cols.add(new Column("R@" + k, m -> m.get(MetricName.RECALL.at(k)), false));
        cols.add(new Column("ipsR@" + k, m -> m.get(MetricName.IPS_RECALL.at(k)), true));
        cols.add(new Column("ipsN@" + k, m -> m.get(MetricName.IPS_NDCG.at(k)), true));
        return build("Popularity bias, more metrics: " + b.title(), b, cols, List.of(), "", Optional.empty());
    }

    private static ResultTable build(String title, BackboneResults b, List<Column> cols, List<MetricKey> paperMetrics, String refHeader,
            Optional<Row> referenceRow) {
        String paperDataset = b.dataset().paper().orElse(null);
        String backbone = b.student().model().displayName();
        List<Row> rows = new ArrayList<>();
        referenceRow.ifPresent(rows::add);
        List<Metrics> teacherTests = b.teachers().stream().map(TeacherResult::test).toList();
        if (!teacherTests.isEmpty()) {
            rows.add(new Row("teacher " + b.teacherSpec().model().label(), Kind.TEACHER, null, cells(cols, teacherTests),
                    b.teacherSpec().describe(), reference(paperDataset, backbone, Optional.of("Teacher"), paperMetrics)));
        }
        b.otherTeachers().forEach((spec, results) -> {
            if (!results.isEmpty()) {
                rows.add(new Row("teacher " + spec.name(), Kind.TEACHER, null, cells(cols, results.stream().map(TeacherResult::test).toList()),
                        spec.describe(), ""));
            }
        });
        for (ArmResult a : b.arms()) {
            rows.add(new Row(a.label(), Kind.STUDENT, a.arm().spec().method(), cells(cols, a.finals().stream().map(RunResult::test).toList()),
                    a.picked().map(p -> p.isEmpty() ? "defaults" : ParamValues.describe(p)).orElse("(no setting finished)"),
                    reference(paperDataset, backbone, a.arm().spec().paperRow(), paperMetrics)));
        }
        return new ResultTable(title, cols, rows, refHeader);
    }

    private static List<MeanStd> cells(List<Column> cols, List<Metrics> runs) {
        List<MeanStd> out = new ArrayList<>();
        for (Column c : cols) {
            out.add(MeanStd.of(runs.stream().mapToDouble(c.value()).toArray()));
        }
        return out;
    }

    private static String reference(String dataset, String backbone, Optional<String> row, List<MetricKey> metrics) {
        if (dataset == null || row.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        boolean any = false;
        for (MetricKey m : metrics) {
            OptionalDouble v = PaperReference.get().value(dataset, backbone, row.get(), m);
            any |= v.isPresent();
            // Table 4 gives PD-CD and PD-HTD's recall but not their NDCG
            parts.add(v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "–");
        }
        return any ? String.join(" / ", parts) : "";
    }

    /** Index of the student row with the highest mean in a marked column, or -1. */
    int best(int column) {
        if (!columns.get(column).higherIsBetter()) {
            return -1;
        }
        int best = -1;
        for (int r = 0; r < rows.size(); r++) {
            MeanStd c = rows.get(r).cells().get(column);
            if (rows.get(r).kind() == Kind.STUDENT && c.isPresent() && (best < 0 || c.mean() > rows.get(best).cells().get(column).mean())) {
                best = r;
            }
        }
        return best;
    }

    /** The UnKD row when the table has exactly one (an ablation with several has no single gain). */
    Optional<Row> unkdRow() {
        List<Row> unkd = rows.stream().filter(r -> r.kind() == Kind.STUDENT && r.method() == DistillationMethods.UNKD).toList();
        return unkd.size() == 1 && unkd.get(0).cells().stream().anyMatch(MeanStd::isPresent) ? Optional.of(unkd.get(0)) : Optional.empty();
    }

    /**
     * Relative gain in percent of the UnKD row over the best other student row (the plain student
     * included) in a marked column; NaN when there is nothing to compare.
     */
    double gain(int column) {
        Optional<Row> unkd = unkdRow();
        if (unkd.isEmpty() || !columns.get(column).higherIsBetter()) {
            return Double.NaN;
        }
        double base = rows.stream().filter(r -> r.kind() == Kind.STUDENT && r != unkd.get())
                .map(r -> r.cells().get(column)).filter(MeanStd::isPresent).mapToDouble(MeanStd::mean).max().orElse(Double.NaN);
        double own = unkd.get().cells().get(column).mean();
        return base > 0 ? (own / base - 1) * 100 : Double.NaN;
    }
}
