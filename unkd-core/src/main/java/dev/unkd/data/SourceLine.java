package dev.unkd.data;

import java.nio.file.Path;

/**
 * A position in an input file (1-based line number), which parses fields and builds
 * {@link DataFormatException}s that name the file, the line and the problem.
 */
record SourceLine(Path file, long number) {

    DataFormatException error(String problem) {
        return new DataFormatException(file, number, problem);
    }

    /** A finite rating, e.g. {@code 4.5}. */
    float rating(String text) {
        try {
            float r = Float.parseFloat(text.strip());
            if (Float.isFinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("rating '" + text + "' is not a number" + headerHint());
    }

    /** A timestamp: an integer, or a decimal number of which the integer part is kept. */
    long timestamp(String text) {
        String s = text.strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                if (Double.isFinite(d) && Math.abs(d) < 9.0e18) {
                    return (long) Math.floor(d);
                }
            } catch (NumberFormatException e2) {
                // reported below
            }
        }
        throw error("timestamp '" + text + "' is not a number" + headerHint());
    }

    /** A non-negative integer (a count or a numeric id). */
    int nonNegativeInt(String text, String what) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(what + " '" + text + "' is not a non-negative integer");
    }

    /** On the first line a non-numeric value is most often an unskipped header. */
    private String headerHint() {
        return number == 1 ? " (is the first line a header?)" : "";
    }
}
