package dev.unkd.experiment;

import java.util.Map;
import java.util.stream.Collectors;

/** How parameter values are written in messages, file names and result tables. */
final class ParamValues {
    private ParamValues() {
    }

    /** A value as a person typed it: numbers without a trailing ".0", text quoted. */
    static String shown(Object v) {
        return v instanceof String s ? "'" + s + "'" : format(v);
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            // 1e-07 reads better than 1.0E-7 in tables; ordinary values keep Java's shortest form
            return Double.toString(d).replace(".0E", "e").replace("E", "e");
        }
        return String.valueOf(v);
    }

    /** {@code kdWeight=0.5 groups=4}; empty for no parameters. */
    static String describe(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue())).collect(Collectors.joining(" "));
    }
}
