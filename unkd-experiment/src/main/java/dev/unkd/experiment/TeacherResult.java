package dev.unkd.experiment;

import java.util.List;

/**
 * A trained teacher as cached in {@code cache/teacher-KEY.json} next to its model file.
 *
 * @param key hash of (data fingerprint, teacher settings, seed)
 * @param name the config's teacher name
 * @param model its architecture label ("mf-100")
 * @param seed its training seed
 */
record TeacherResult(String key, String dataset, String name, String model, long seed, Metrics valid, Metrics test, int bestEpoch,
        int epochsRun, double seconds, List<CurvePoint> curve) {
    TeacherResult {
        curve = curve == null ? List.of() : List.copyOf(curve);
    }
}
