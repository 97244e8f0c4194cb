package dev.unkd.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every output of an experiment into its folder: results.csv, search.csv, results.md, report.html and img/. */
public final class ExperimentReport {
    private ExperimentReport() {
    }

    /** Writes the files and returns results.md's text (the commands print it). */
    public static String write(ExperimentResults results, Path dir) throws IOException {
        Files.createDirectories(dir);
        ResultsCsv.write(results, dir.resolve("results.csv"));
        SearchCsv.write(results, dir.resolve("search.csv"));
        ReportCharts charts = ReportCharts.render(results, dir);
        ResultsMarkdown.write(results, charts, dir.resolve("results.md"));
        ReportHtml.write(results, charts, dir.resolve("report.html"));
        return terminalText(results);
    }

    /** The tables without images, for the terminal. */
    public static String terminalText(ExperimentResults results) {
        StringBuilder sb = new StringBuilder();
        for (BackboneResults b : results.tables()) {
            sb.append(ResultsMarkdown.table(ResultTable.accuracy(b, results.config()))).append('\n');
            sb.append(ResultsMarkdown.table(ResultTable.bias(b, results.config(), results.facts(b.dataset().name())))).append('\n');
        }
        return sb.toString();
    }
}
