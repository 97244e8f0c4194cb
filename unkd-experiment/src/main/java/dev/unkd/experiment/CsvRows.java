package dev.unkd.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** RFC 4180 CSV lines: fields with a comma, quote or line break are quoted, quotes doubled. */
final class CsvRows {
    private CsvRows() {
    }

    static String line(List<?> fields) {
        return fields.stream().map(CsvRows::field).collect(Collectors.joining(",")) + "\n";
    }

    private static String field(Object v) {
        String s = v instanceof Double d ? number(d) : String.valueOf(v);
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Full precision without exponent noise for ordinary values; empty for NaN (a missing value). */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
    }
}
