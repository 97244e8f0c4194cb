package dev.unkd.experiment;

import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code report.html}: the same tables as results.md plus the charts, in one page that needs no
 * network (inline style, PNGs from the {@code img/} folder next to it), so it can be mailed as a
 * zip or opened from a laptop's disk.
 */
final class ReportHtml {
    private static final String STYLE = """
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px;
                   color: #222; line-height: 1.45; padding: 0 1em; }
            h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.1em; }
            table { border-collapse: collapse; margin: 0.8em 0 1.5em; font-size: 0.92em; }
            th, td { padding: 0.3em 0.7em; border-bottom: 1px solid #e2e2e2; text-align: right; white-space: nowrap; }
            th { background: #f4f4f4; } td.label, th.label { text-align: left; } td.setting { text-align: left; color: #666;
                 font-family: monospace; font-size: 0.9em; white-space: normal; }
            tr.teacher td, tr.reference td { color: #555; font-style: italic; } tr.gain td { border-top: 2px solid #999; }
            td.best { font-weight: bold; background: #eef6ee; }
            figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.9em; } p.note { color: #444; } li { margin: 0.2em 0; }
            """;

    private ReportHtml() {
    }

    static void write(ExperimentResults results, ReportCharts charts, Significance stats, Path file) throws IOException {
        AtomicFiles.writeString(file, render(results, charts, stats));
    }

    static String render(ExperimentResults results, ReportCharts charts) {
        return render(results, charts, Significance.NONE);
    }

    /** The page; {@code stats} gives the paired tests of each table (none without per-user values). */
    static String render(ExperimentResults results, ReportCharts charts, Significance stats) {
        ExperimentConfig c = results.config();
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(c.name())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(esc(c.name())).append("</h1>\n<p class=\"note\">").append(esc(ReportText.protocol(c))).append("</p>\n");
        for (DatasetFacts f : results.datasets()) {
            sb.append("<p>Dataset <b>").append(esc(f.name())).append("</b>: ").append(esc(ReportText.dataset(f))).append("</p>\n");
            charts.forDataset(f.name()).ifPresent(fig -> figure(sb, fig));
        }
        for (BackboneResults b : results.tables()) {
            sb.append("<h2>").append(esc(b.title())).append("</h2>\n");
            table(sb, ResultTable.accuracy(b, c));
            table(sb, ResultTable.bias(b, c, results.facts(b.dataset().name())));
            table(sb, ResultTable.popularity(b, c));
            AmplificationTable amp = AmplificationTable.of(b, c);
            plain(sb, amp.title(), amp.headers(), amp.rows().stream().map(AmplificationTable::cells).toList(), amp.note());
            stats.forTable(b).ifPresent(t -> {
                java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of("method", "versus"));
                t.metrics().forEach(m -> headers.add("Δ " + m));
                java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
                for (SignificanceTable.Line line : t.lines()) {
                    java.util.List<String> cells = new java.util.ArrayList<>(java.util.List.of(line.row(), line.versus()));
                    line.tests().forEach(test -> cells.add(test.format()));
                    rows.add(cells);
                }
                plain(sb, t.title(), headers, rows, t.note());
            });
            for (Figure fig : charts.forTable(b)) {
                figure(sb, fig);
            }
        }
        sb.append("<h2>Settings picked on validation</h2>\n<table>\n<tr>");
        PickedSettings.HEADERS.forEach(h -> sb.append("<th class=\"label\">").append(esc(h)).append("</th>"));
        sb.append("</tr>\n");
        for (java.util.List<String> row : PickedSettings.rows(results)) {
            sb.append("<tr>");
            row.forEach(cell -> sb.append("<td class=\"label\">").append(esc(cell)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<h2>Notes</h2>\n");
        ReportText.Notes notes = ReportText.notes(results, charts.warnings());
        sb.append("<p><b>Run</b>: ").append(esc(notes.run())).append("</p>\n");
        list(sb, "Warnings", notes.warnings());
        list(sb, "Failed runs (left out of the tables; the others went on)", notes.failures());
        sb.append("<p class=\"note\">Files: results.csv (one line per reported run), search.csv (every grid point), significance.csv "
                + "(the paired tests), results.md (these tables), runs/ (one JSON and one per-user file per run), cache/ (trained teachers).</p>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, ResultTable t) {
        sb.append("<h3>").append(esc(t.title())).append("</h3>\n<table>\n<tr><th class=\"label\">method</th>");
        t.columns().forEach(col -> sb.append("<th>").append(esc(col.header())).append("</th>"));
        String ref = t.referenceHeader();
        if (!ref.isEmpty()) {
            sb.append("<th>").append(esc(ref)).append("</th>");
        }
        sb.append("<th class=\"label\">setting</th></tr>\n");
        int[] best = new int[t.columns().size()];
        for (int col = 0; col < best.length; col++) {
            best[col] = t.best(col);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            ResultTable.Row row = t.rows().get(r);
            sb.append("<tr class=\"").append(row.kind().name().toLowerCase(Locale.ROOT)).append("\"><td class=\"label\">")
                    .append(esc(row.label())).append("</td>");
            for (int col = 0; col < best.length; col++) {
                sb.append(best[col] == r ? "<td class=\"best\">" : "<td>").append(esc(row.cells().get(col).format())).append("</td>");
            }
            if (!ref.isEmpty()) {
                sb.append("<td>").append(esc(row.reference())).append("</td>");
            }
            sb.append("<td class=\"setting\">").append(esc(row.setting())).append("</td></tr>\n");
        }
        if (t.unkdRow().isPresent()) {
            sb.append("<tr class=\"gain\"><td class=\"label\">gain of ").append(esc(t.unkdRow().get().label()))
                    .append(" over the best other row</td>");
            for (int col = 0; col < best.length; col++) {
                double g = t.gain(col);
                sb.append("<td>").append(Double.isNaN(g) ? "" : String.format(Locale.ROOT, "%+.1f%%", g)).append("</td>");
            }
            sb.append(ref.isEmpty() ? "" : "<td></td>").append("<td></td></tr>\n");
        }
        sb.append("</table>\n");
    }

    /** A table of preformatted cells (first column a label) with a note below. */
    private static void plain(StringBuilder sb, String title, java.util.List<String> headers, java.util.List<java.util.List<String>> rows,
            String note) {
        sb.append("<h3>").append(esc(title)).append("</h3>\n<table>\n<tr>");
        for (int c = 0; c < headers.size(); c++) {
            sb.append(c < 2 ? "<th class=\"label\">" : "<th>").append(esc(headers.get(c))).append("</th>");
        }
        sb.append("</tr>\n");
        for (java.util.List<String> row : rows) {
            sb.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                boolean marked = cell.endsWith("*");
                sb.append(c < 2 ? "<td class=\"label\">" : marked ? "<td class=\"best\">" : "<td>").append(esc(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<p class=\"note\">").append(esc(note)).append("</p>\n");
    }

    private static void list(StringBuilder sb, String title, java.util.List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append("<p><b>").append(esc(title)).append("</b>:</p>\n<ul>\n");
        items.forEach(i -> sb.append("<li>").append(esc(i)).append("</li>\n"));
        sb.append("</ul>\n");
    }

    private static void figure(StringBuilder sb, Figure fig) {
        sb.append("<figure><img src=\"").append(esc(fig.path())).append("\" alt=\"").append(esc(fig.title())).append("\">")
                .append("<figcaption>").append(esc(fig.caption())).append("</figcaption></figure>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
