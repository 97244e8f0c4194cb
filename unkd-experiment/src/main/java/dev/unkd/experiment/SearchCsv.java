package dev.unkd.experiment;

import dev.unkd.eval.MetricName;
import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code search.csv}: the whole grid, one line per (row, setting, search seed), with the
 * validation numbers the choice was made on and which setting was picked. Test metrics are
 * left out on purpose: they take no part in the choice.
 */
final class SearchCsv {
    private SearchCsv() {
    }

    static void write(ExperimentResults results, Path file) throws IOException {
        AtomicFiles.writeString(file, render(results));
    }

    static String render(ExperimentResults results) {
        StringBuilder sb = new StringBuilder(CsvRows.line(List.of("dataset", "student", "label", "method", "params", "seed",
                "valid_" + SearchSettings.METRIC, "valid_" + MetricName.RECALL.at(20), "mean_valid_" + SearchSettings.METRIC, "best_epoch", "epochs_run", "seconds", "picked", "status")));
        for (BackboneResults b : results.tables()) {
            for (ArmResult a : b.arms()) {
                for (GridPoint p : a.grid()) {
                    boolean picked = a.picked().map(p.values()::equals).orElse(false);
                    String params = ParamValues.describe(p.values());
                    for (RunResult r : p.runs()) {
                        sb.append(CsvRows.line(List.of(b.dataset().name(), b.student().name(), a.label(), r.method(), params, r.seed(),
                                r.valid().get(SearchSettings.METRIC), r.valid().get(MetricName.RECALL.at(20)), p.meanValid(), r.bestEpoch(),
                                r.epochsRun(), r.seconds(), picked, "ok")));
                    }
                    if (p.failed() > 0) {
                        sb.append(CsvRows.line(List.of(b.dataset().name(), b.student().name(), a.label(), a.arm().spec().method().name(),
                                params, "", "", "", "", "", "", "", false, p.failed() + " run(s) failed")));
                    }
                }
            }
        }
        return sb.toString();
    }
}
