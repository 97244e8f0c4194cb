package dev.unkd.experiment;

import java.util.Locale;
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
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%s", d);
        }
        return String.valueOf(v);
    }

    /** {@code kdWeight=0.5 groups=4}; empty for no parameters. */
    static String describe(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue())).collect(Collectors.joining(" "));
    }
}
