package dev.unkd.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Sentences shared by the Markdown and HTML reports: the protocol, the data, and the notes. */
final class ReportText {
    private ReportText() {
    }

    static String protocol(ExperimentConfig c) {
        String seeds = c.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "));
        int s = c.searchSeeds().size();
        return String.format(Locale.ROOT, "Test users, full ranking over all items with training items excluded. %d seed(s) (%s); "
                + "mean ± sample std over seeds. Each run keeps the epoch with the best validation NDCG@20 (checked every %d epochs). "
                + "Each row's setting is picked from its grid by mean validation NDCG@20 over the first %d seed(s) (test metrics take "
                + "no part; the whole grid is in search.csv). Bold: best student per column. Gain: the UnKD row relative to the best "
                + "other student row. pop / unpop R@K: recall on the items holding the top and bottom half of the training "
                + "interactions, divided by all test users (the authors' convention). G0..G%d share: share of top-K slots per "
                + "popularity group (G0 most popular); compare with the test set row.", c.seeds().size(), seeds,
                c.training().evalEvery(), s, c.groups() - 1);
    }

    static String dataset(DatasetFacts f) {
        StringBuilder groups = new StringBuilder();
        for (int g = 0; g < f.groups(); g++) {
            groups.append(g == 0 ? "" : ", ").append(String.format(Locale.ROOT, "G%d %,d", g, f.groupItems()[g]));
        }
        return String.format(Locale.ROOT, "%s; %,d users, %,d items, %,d / %,d / %,d train / validation / test interactions; "
                + "items per popularity group: %s.", f.description(), f.users(), f.items(), f.train(), f.valid(), f.test(), groups);
    }

    /**
     * The notes at the end of a report.
     *
     * @param run one sentence on time and work done
     * @param warnings search-budget, empty-row and chart warnings
     * @param failures failed runs as "what: why"
     */
    record Notes(String run, List<String> warnings, List<String> failures) {
    }

    static Notes notes(ExperimentResults r, List<String> chartWarnings) {
        String run = String.format(Locale.ROOT,
                "%s wall time in this invocation; %d teacher(s) trained, %d student run(s) trained, %d reused from earlier results.",
                Durations.of(r.seconds()), r.teachersTrained(), r.runsTrained(), r.runsReused());
        List<String> warnings = new java.util.ArrayList<>(r.warnings());
        warnings.addAll(chartWarnings);
        return new Notes(run, warnings, r.failures().stream().map(f -> f.what() + ": " + f.message()).toList());
    }
}
