package dev.unkd.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The search summary both reports show: per row, the grid size, the picked setting and its validation score. */
final class PickedSettings {
    static final List<String> HEADERS = List.of("dataset", "student", "row", "grid points", "picked", "mean valid N@20", "seeds reported");

    private PickedSettings() {
    }

    /** One list of cells per row, in {@link #HEADERS} order. */
    static List<List<String>> rows(ExperimentResults results) {
        List<List<String>> rows = new ArrayList<>();
        for (BackboneResults b : results.tables()) {
            for (ArmResult a : b.arms()) {
                double v = a.grid().stream().filter(p -> a.picked().map(p.values()::equals).orElse(false)).mapToDouble(GridPoint::meanValid)
                        .findFirst().orElse(Double.NaN);
                rows.add(List.of(b.dataset().name(), b.student().name(), a.label(), Integer.toString(a.arm().points().size()),
                        a.picked().map(p -> p.isEmpty() ? "defaults" : ParamValues.describe(p)).orElse("none finished"),
                        Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v), Integer.toString(a.finals().size())));
            }
        }
        return rows;
    }
}
