package dev.unkd.experiment;

import dev.unkd.eval.MetricName;
import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code results.csv}: one row per reported run (each teacher, and each row's picked setting
 * with every seed): dataset, backbone, dims, method, params, seed, every test metric (per-group
 * metrics as {@code name.g0}, {@code name.g1}, ...), validation NDCG@20, best epoch, seconds, and
 * then the popularity-bias metrics of issue 13 ({@link #APPENDED}; at the end of the line, so the
 * columns of older files keep their positions). Over seeds, each seed is its own line.
 */
final class ResultsCsv {
    private ResultsCsv() {
    }

    static void write(ExperimentResults results, Path file) throws IOException {
        AtomicFiles.writeString(file, render(results));
    }

    static String render(ExperimentResults results) {
        List<Metrics> all = new ArrayList<>();
        for (BackboneResults b : results.tables()) {
            b.teachers().forEach(t -> all.add(t.test()));
            b.otherTeachers().values().forEach(ts -> ts.forEach(t -> all.add(t.test())));
            b.arms().forEach(a -> a.finals().forEach(r -> all.add(r.test())));
        }
        List<String> allColumns = metricColumns(all);
        List<String> metricColumns = allColumns.stream().filter(c -> !isAppended(c)).toList();
        List<String> appendedColumns = allColumns.stream().filter(ResultsCsv::isAppended).toList();
        List<Object> header = new ArrayList<>(List.of("dataset", "role", "backbone", "teacher_dim", "student_dim", "method", "label",
                "params", "seed"));
        header.addAll(metricColumns);
        header.addAll(List.of("valid_" + SearchSettings.METRIC, "best_epoch", "epochs_run", "seconds"));
        header.addAll(appendedColumns);
        StringBuilder sb = new StringBuilder(CsvRows.line(header));
        for (BackboneResults b : results.tables()) {
            int teacherDim = b.teacherSpec().model().dim();
            Map<TeacherSpec, List<TeacherResult>> teachers = new LinkedHashMap<>();
            teachers.put(b.teacherSpec(), b.teachers());
            teachers.putAll(b.otherTeachers());
            for (Map.Entry<TeacherSpec, List<TeacherResult>> e : teachers.entrySet()) {
                TeacherSpec spec = e.getKey();
                for (TeacherResult t : e.getValue()) {
                    List<Object> row = new ArrayList<>(List.of(b.dataset().name(), "teacher", spec.model().type(), spec.model().dim(), "",
                            "teacher", spec.name(), spec.describe(), t.seed()));
                    addMetrics(row, metricColumns, t.test());
                    row.addAll(List.of(t.valid().get(SearchSettings.METRIC), t.bestEpoch(), t.epochsRun(), t.seconds()));
                    addMetrics(row, appendedColumns, t.test());
                    sb.append(CsvRows.line(row));
                }
            }
            for (ArmResult a : b.arms()) {
                for (RunResult r : a.finals()) {
                    List<Object> row = new ArrayList<>(List.of(b.dataset().name(), "student", b.student().model().type(), teacherDim,
                            b.student().model().dim(), r.method(), a.label(), ParamValues.describe(r.params()), r.seed()));
                    addMetrics(row, metricColumns, r.test());
                    row.addAll(List.of(r.valid().get(SearchSettings.METRIC), r.bestEpoch(), r.epochsRun(), r.seconds()));
                    addMetrics(row, appendedColumns, r.test());
                    sb.append(CsvRows.line(row));
                }
            }
        }
        return sb.toString();
    }

    /**
     * The popularity-bias metrics of issue 13: their columns come after the per-group ones, so the
     * columns of files written before them keep their positions.
     */
    static final Set<MetricName> APPENDED = EnumSet.of(MetricName.APLT, MetricName.POP_RSP, MetricName.POP_REO, MetricName.POP_LIFT,
            MetricName.MISCALIBRATION, MetricName.IPS_RECALL, MetricName.IPS_NDCG);

    /** Scalar metrics, then per-group ones flattened, then the {@link #APPENDED} ones, each in the order the evaluator wrote them. */
    static List<String> metricColumns(List<Metrics> all) {
        Set<String> cols = new LinkedHashSet<>();
        Set<String> appended = new LinkedHashSet<>();
        for (Metrics m : all) {
            for (String name : m.scalars().keySet()) {
                (isAppended(name) ? appended : cols).add(name);
            }
        }
        for (Metrics m : all) {
            for (Map.Entry<String, double[]> e : m.arrays().entrySet()) {
                for (int g = 0; g < e.getValue().length; g++) {
                    cols.add(e.getKey() + ".g" + g);
                }
            }
        }
        cols.addAll(appended);
        return new ArrayList<>(cols);
    }

    private static boolean isAppended(String column) {
        int at = column.lastIndexOf('@');
        return at > 0 && MetricName.byId(column.substring(0, at)).filter(APPENDED::contains).isPresent();
    }

    static void addMetrics(List<Object> row, List<String> columns, Metrics m) {
        for (String c : columns) {
            int dot = c.lastIndexOf(".g");
            double v = dot > 0 && m.arrays().containsKey(c.substring(0, dot)) ? m.get(c.substring(0, dot), Integer.parseInt(c.substring(dot + 2)))
                    : m.get(c);
            row.add(v);
        }
    }
}
