package dev.unkd.experiment;

import java.util.List;
import java.util.Map;

/**
 * What a finished student run leaves in {@code runs/KEY.json}: enough to rebuild every table and
 * plot without training again.
 *
 * @param key the run's key (see {@link RunSpec#key()})
 * @param params the grid point's values as the config gave them
 * @param valid validation metrics of the kept epoch
 * @param test test metrics of the kept epoch
 * @param curve validation NDCG@20 per evaluated epoch
 */
record RunResult(String key, String dataset, String student, String studentModel, String teacher, String teacherModel, String method,
        String label, Map<String, Object> params, long seed, Metrics valid, Metrics test, int bestEpoch, int epochsRun,
        double seconds, List<CurvePoint> curve) {
    RunResult {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        curve = curve == null ? List.of() : List.copyOf(curve);
    }

    /** The same result under another label (a stored run reused by a renamed row). */
    RunResult withLabel(String newLabel) {
        return new RunResult(key, dataset, student, studentModel, teacher, teacherModel, method, newLabel, params, seed, valid, test,
                bestEpoch, epochsRun, seconds, curve);
    }
}
