package dev.unkd.experiment;

import java.awt.Paint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed colour per table row (by label) so a method looks the same in every chart of a report. */
final class SeriesColours {
    private final Map<String, Paint> colours = new LinkedHashMap<>();

    SeriesColours(List<String> studentLabels) {
        for (int i = 0; i < studentLabels.size(); i++) {
            colours.put(studentLabels.get(i), ChartStyle.colour(i));
        }
    }

    static SeriesColours of(BackboneResults b) {
        return new SeriesColours(b.arms().stream().map(ArmResult::label).toList());
    }

    /** The row's colour; teacher and reference rows are dark grey. */
    Paint of(String label) {
        return colours.getOrDefault(label, label.startsWith("teacher") ? ChartStyle.TEACHER : ChartStyle.REFERENCE);
    }
}
