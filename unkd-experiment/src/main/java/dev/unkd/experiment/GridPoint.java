package dev.unkd.experiment;

import java.util.List;
import java.util.Map;

/**
 * A searched setting of a row and its runs on the search seeds.
 *
 * @param values the parameter values
 * @param runs the finished search runs
 * @param failed search runs that failed
 */
record GridPoint(Map<String, Object> values, List<RunResult> runs, int failed) {
    /** Mean validation NDCG@20 over the search runs; NaN when none finished (never picked). */
    double meanValid() {
        return runs.isEmpty() || failed > 0 ? Double.NaN
                : runs.stream().mapToDouble(r -> r.valid().get(SearchSettings.METRIC)).average().orElse(Double.NaN);
    }
}
