package dev.unkd.experiment;

import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code results.md}: the paper's table layout for every dataset and student (methods as rows,
 * mean ± std over seeds, best student per column in bold, UnKD's relative gain over the best
 * other row, the paper's numbers where a row names its paper row), the search summary, failures
 * and timings. Also printed on the terminal at the end of a run.
 */
final class ResultsMarkdown {
    private ResultsMarkdown() {
    }

    static void write(ExperimentResults results, ReportCharts charts, Significance stats, Path file) throws IOException {
        AtomicFiles.writeString(file, render(results, charts, stats));
    }

    static String render(ExperimentResults results, ReportCharts charts) {
        return render(results, charts, Significance.NONE);
    }

    /** The whole file; {@code stats} gives the paired tests of each table (none without per-user values). */
    static String render(ExperimentResults results, ReportCharts charts, Significance stats) {
        ExperimentConfig c = results.config();
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(c.name()).append("\n\n");
        sb.append(ReportText.protocol(c)).append("\n\n");
        for (DatasetFacts f : results.datasets()) {
            sb.append("Dataset **").append(f.name()).append("**: ").append(ReportText.dataset(f)).append("\n\n");
        }
        for (BackboneResults b : results.tables()) {
            sb.append("## ").append(b.title()).append("\n\n");
            sb.append(table(ResultTable.accuracy(b, c))).append('\n');
            sb.append(table(ResultTable.bias(b, c, results.facts(b.dataset().name())))).append('\n');
            sb.append(table(ResultTable.popularity(b, c))).append('\n');
            sb.append(amplification(AmplificationTable.of(b, c))).append('\n');
            stats.forTable(b).ifPresent(t -> sb.append(significance(t)).append('\n'));
            if (charts != null) {
                for (Figure fig : charts.forTable(b)) {
                    sb.append("![").append(fig.title()).append("](").append(fig.path()).append(")\n\n");
                }
            }
        }
        if (charts != null) {
            for (DatasetFacts f : results.datasets()) {
                charts.forDataset(f.name()).ifPresent(fig -> sb.append("![").append(fig.title()).append("](").append(fig.path()).append(")\n\n"));
            }
        }
        sb.append(search(results));
        ReportText.Notes notes = ReportText.notes(results, charts == null ? List.of() : charts.warnings());
        sb.append("**Run**: ").append(notes.run()).append("\n\n");
        if (!notes.warnings().isEmpty()) {
            sb.append("**Warnings**:\n\n");
            notes.warnings().forEach(w -> sb.append("- ").append(w).append('\n'));
            sb.append('\n');
        }
        if (!notes.failures().isEmpty()) {
            sb.append("**Failed runs** (left out of the tables; the others went on):\n\n");
            notes.failures().forEach(f -> sb.append("- ").append(f).append('\n'));
            sb.append('\n');
        }
        return sb.toString();
    }

    static String table(ResultTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(t.title()).append("\n\n");
        String ref = t.referenceHeader();
        sb.append("| method | ").append(t.columns().stream().map(ResultTable.Column::header).collect(Collectors.joining(" | ")));
        sb.append(ref.isEmpty() ? "" : " | " + ref).append(" | setting |\n");
        sb.append("|---").append("|---:".repeat(t.columns().size())).append(ref.isEmpty() ? "" : "|---:").append("|---|\n");
        int[] best = new int[t.columns().size()];
        for (int col = 0; col < best.length; col++) {
            best[col] = t.best(col);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            ResultTable.Row row = t.rows().get(r);
            sb.append("| ").append(row.kind() == ResultTable.Kind.STUDENT ? row.label() : "*" + row.label() + "*");
            for (int col = 0; col < best.length; col++) {
                String cell = row.cells().get(col).format();
                sb.append(" | ").append(best[col] == r ? "**" + cell + "**" : cell);
            }
            if (!ref.isEmpty()) {
                sb.append(" | ").append(row.reference().isEmpty() ? "" : row.reference());
            }
            sb.append(" | ").append(row.setting().isEmpty() ? "" : "`" + row.setting() + "`").append(" |\n");
        }
        if (t.unkdRow().isPresent()) {
            sb.append("| gain of ").append(t.unkdRow().get().label()).append(" over the best other row");
            for (int col = 0; col < best.length; col++) {
                double g = t.gain(col);
                sb.append(" | ").append(Double.isNaN(g) ? "" : String.format(Locale.ROOT, "%+.1f%%", g));
            }
            sb.append(ref.isEmpty() ? "" : " | ").append(" | |\n");
        }
        return sb.toString();
    }

    static String amplification(AmplificationTable t) {
        StringBuilder sb = new StringBuilder("### ").append(t.title()).append("\n\n| ");
        sb.append(String.join(" | ", t.headers())).append(" |\n|---|---|---:|---:|---:|---:|\n");
        for (AmplificationTable.Row r : t.rows()) {
            sb.append("| ").append(String.join(" | ", AmplificationTable.cells(r))).append(" |\n");
        }
        return sb.append('\n').append(t.note()).append('\n').toString();
    }

    static String significance(SignificanceTable t) {
        StringBuilder sb = new StringBuilder("### ").append(t.title()).append("\n\n| method | versus | ");
        sb.append(t.metrics().stream().map(m -> "Δ " + m).collect(Collectors.joining(" | "))).append(" |\n|---|---|");
        sb.append("---:|".repeat(t.metrics().size())).append('\n');
        for (SignificanceTable.Line line : t.lines()) {
            sb.append("| ").append(line.row()).append(" | ").append(line.versus());
            line.tests().forEach(test -> sb.append(" | ").append(test.format()));
            sb.append(" |\n");
        }
        return sb.append('\n').append(t.note()).append('\n').toString();
    }

    private static String search(ExperimentResults results) {
        StringBuilder sb = new StringBuilder("## Settings picked on validation\n\n| ");
        sb.append(String.join(" | ", PickedSettings.HEADERS)).append(" |\n|---|---|---|---:|---|---:|---:|\n");
        for (List<String> row : PickedSettings.rows(results)) {
            sb.append("| ").append(String.join(" | ", row.subList(0, 4))).append(" | `").append(row.get(4)).append("` | ")
                    .append(String.join(" | ", row.subList(5, row.size()))).append(" |\n");
        }
        return sb.append('\n').toString();
    }
}
