package dev.unkd.spark.cli;

import java.util.ArrayList;
import java.util.List;

/** Wall time of a job's phases, printed on one line at the end (for docs/SCALE.md style measurements). */
final class PhaseClock {
    private final long start = System.nanoTime();
    private final List<String> phases = new ArrayList<>();
    private long last = start;

    void mark(String phase) {
        long now = System.nanoTime();
        phases.add(String.format("%s %.1f s", phase, (now - last) / 1e9));
        last = now;
    }

    String summary() {
        return String.format("%.1f s: %s", (System.nanoTime() - start) / 1e9, String.join(", ", phases));
    }
}
