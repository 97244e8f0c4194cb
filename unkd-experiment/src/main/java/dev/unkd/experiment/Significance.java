package dev.unkd.experiment;

import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user values of an experiment's reported runs (read from {@code runs/KEY.users.csv.gz})
 * and the paired tests of every table ({@link SignificanceTable}), computed once for results.md,
 * report.html, significance.csv and the charts.
 */
final class Significance {
    static final Significance NONE = new Significance(Map.of(), Map.of());

    private final Map<String, UserValues> values;
    private final Map<String, SignificanceTable> tables;

    private Significance(Map<String, UserValues> values, Map<String, SignificanceTable> tables) {
        this.values = values;
        this.tables = tables;
    }

    static Significance compute(ExperimentResults results, Path runsDir) {
        Map<String, UserValues> values = new LinkedHashMap<>();
        for (BackboneResults b : results.tables()) {
            for (ArmResult a : b.arms()) {
                for (RunResult r : a.finals()) {
                    UserValues.read(UserValues.file(runsDir, r.key())).ifPresent(v -> values.put(r.key(), v));
                }
            }
        }
        Map<String, SignificanceTable> tables = new LinkedHashMap<>();
        for (BackboneResults b : results.tables()) {
            tables.put(b.slug(), SignificanceTable.of(b, results.config(), values));
        }
        return new Significance(values, tables);
    }

    /** The per-user values of a run, if it kept them. */
    Optional<UserValues> values(RunResult run) {
        return Optional.ofNullable(values.get(run.key()));
    }

    /** The table's paired tests, when any row has per-user values. */
    Optional<SignificanceTable> forTable(BackboneResults b) {
        return Optional.ofNullable(tables.get(b.slug())).filter(t -> !t.lines().isEmpty());
    }

    /**
     * {@code significance.csv}: one line per test: dataset, student, row, versus, metric, users,
     * seeds, mean difference, CI bounds, raw and Holm-corrected p-value, significant (true/false).
     */
    void writeCsv(ExperimentResults results, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(CsvRows.line(List.of("dataset", "student", "row", "versus", "metric", "users", "seeds",
                "mean_difference", "ci_low", "ci_high", "p", "p_holm", "significant")));
        for (BackboneResults b : results.tables()) {
            Optional<SignificanceTable> t = forTable(b);
            if (t.isEmpty()) {
                continue;
            }
            for (SignificanceTable.Line line : t.get().lines()) {
                for (SignificanceTable.Test test : line.tests()) {
                    PairedDifference d = test.difference();
                    List<Object> row = new ArrayList<>(List.of(b.dataset().name(), b.student().name(), line.row(), line.versus(),
                            test.metric().toString(), d.users(), d.seeds(), d.mean(), d.low(), d.high(), d.p(), test.pHolm(),
                            test.significant()));
                    sb.append(CsvRows.line(row));
                }
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
