package dev.unkd.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every output of an experiment into its folder: results.csv, search.csv, significance.csv
 * (the paired tests, from the per-user values in runs/), results.md, report.html and img/.
 */
public final class ExperimentReport {
    private ExperimentReport() {
    }

    /** Writes the files and returns results.md's text (the commands print it). */
    public static String write(ExperimentResults results, Path dir) throws IOException {
        Files.createDirectories(dir);
        ResultsCsv.write(results, dir.resolve("results.csv"));
        SearchCsv.write(results, dir.resolve("search.csv"));
        Significance stats = Significance.compute(results, dir.resolve("runs"));
        stats.writeCsv(results, dir.resolve("significance.csv"));
        ReportCharts charts = ReportCharts.render(results, dir, stats);
        ResultsMarkdown.write(results, charts, stats, dir.resolve("results.md"));
        ReportHtml.write(results, charts, stats, dir.resolve("report.html"));
        return terminalText(results, stats);
    }

    /** The tables without images, for the terminal. */
    public static String terminalText(ExperimentResults results) {
        return terminalText(results, Significance.NONE);
    }

    private static String terminalText(ExperimentResults results, Significance stats) {
        StringBuilder sb = new StringBuilder();
        for (BackboneResults b : results.tables()) {
            sb.append(ResultsMarkdown.table(ResultTable.accuracy(b, results.config()))).append('\n');
            sb.append(ResultsMarkdown.table(ResultTable.bias(b, results.config(), results.facts(b.dataset().name())))).append('\n');
            sb.append(ResultsMarkdown.table(ResultTable.popularity(b, results.config()))).append('\n');
            sb.append(ResultsMarkdown.amplification(AmplificationTable.of(b, results.config()))).append('\n');
            stats.forTable(b).ifPresent(t -> sb.append(ResultsMarkdown.significance(t)).append('\n'));
        }
        return sb.toString();
    }
}
