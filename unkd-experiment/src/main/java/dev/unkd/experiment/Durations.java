package dev.unkd.experiment;

import java.util.Locale;

/** Human-readable durations ("42 s", "3 min 05 s", "1 h 02 min"). */
final class Durations {
    private Durations() {
    }

    static String of(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
