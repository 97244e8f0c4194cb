package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Teacher → student bias amplification of one results table: for every student row, its share
 * of top-K slots in the most popular group (G0) and its popLift@K (K the largest), each divided
 * by the same figure of the row's teacher (means over seeds; the ratio of the means). Above 1:
 * the student amplifies its teacher's popularity bias; below 1: it attenuates it. A popLift ratio
 * is shown only when the teacher's popLift is positive (a ratio to a negative or zero lift has no
 * such reading).
 */
final class AmplificationTable {
    /** One row: the means and the ratios to the teacher's (NaN when not defined). */
    record Row(String label, String teacher, MeanStd share, double shareRatio, MeanStd lift, double liftRatio) {
    }

    private final String title;
    private final int k;
    private final List<Row> rows;

    private AmplificationTable(String title, int k, List<Row> rows) {
        this.title = title;
        this.k = k;
        this.rows = rows;
    }

    String title() {
        return title;
    }

    List<Row> rows() {
        return rows;
    }

    List<String> headers() {
        return List.of("method", "teacher", "G0 share@" + k, "÷ teacher", "popLift@" + k, "÷ teacher");
    }

    static AmplificationTable of(BackboneResults b, ExperimentConfig config) {
        int k = config.ks().get(config.ks().size() - 1);
        MetricKey share = MetricName.GROUP_SHARE.at(k);
        MetricKey lift = MetricName.POP_LIFT.at(k);
        List<Row> rows = new ArrayList<>();
        for (ArmResult a : b.arms()) {
            if (a.finals().isEmpty()) {
                continue;
            }
            String teacherName = a.finals().get(0).teacher();
            List<TeacherResult> teachers = teachersNamed(b, teacherName);
            MeanStd s = MeanStd.of(a.finals().stream().mapToDouble(r -> r.test().get(share, 0)).toArray());
            MeanStd l = MeanStd.of(a.finals().stream().mapToDouble(r -> r.test().get(lift)).toArray());
            MeanStd ts = MeanStd.of(teachers.stream().mapToDouble(t -> t.test().get(share, 0)).toArray());
            MeanStd tl = MeanStd.of(teachers.stream().mapToDouble(t -> t.test().get(lift)).toArray());
            double shareRatio = s.isPresent() && ts.isPresent() && ts.mean() > 0 ? s.mean() / ts.mean() : Double.NaN;
            double liftRatio = l.isPresent() && tl.isPresent() && tl.mean() > 0 ? l.mean() / tl.mean() : Double.NaN;
            rows.add(new Row(a.label(), teacherName, s, shareRatio, l, liftRatio));
        }
        return new AmplificationTable("Bias amplification (student ÷ teacher): " + b.title(), k, rows);
    }

    private static List<TeacherResult> teachersNamed(BackboneResults b, String name) {
        if (b.teacherSpec().name().equals(name)) {
            return b.teachers();
        }
        for (Map.Entry<TeacherSpec, List<TeacherResult>> e : b.otherTeachers().entrySet()) {
            if (e.getKey().name().equals(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** The cells of a row, formatted as the headers say. */
    static List<String> cells(Row r) {
        return List.of(r.label(), r.teacher(), r.share().format(), ratio(r.shareRatio()), r.lift().format(), ratio(r.liftRatio()));
    }

    static String ratio(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.3f", x);
    }

    String note() {
        return "Ratios above 1: the student amplifies its teacher's popularity bias; G0 = the most popular group of the report's "
                + "groups; popLift = mean over users of (mean popularity of the top-" + k + " / mean popularity of the user's training "
                + "items − 1); means over seeds.";
    }
}
