package dev.unkd.experiment;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.MethodDescriptor;
import dev.unkd.eval.UserAveraging;
import java.util.List;

/**
 * One student run: a grid point of a row, trained with one seed on one dataset.
 *
 * @param dataset the dataset's name
 * @param dataFingerprint {@link dev.unkd.data.Dataset#fingerprint()} of the loaded data
 * @param student the student architecture
 * @param teacher the teacher it learns from (unused by {@code none})
 * @param teacherKey the teacher's cache key
 * @param label the table row
 * @param method the distillation method
 * @param setting the grid point
 * @param seed the run's seed (initialisation, shuffling, sampling)
 * @param ks metric list lengths
 * @param groups popularity groups of the bias metrics
 * @param averaging whom the accuracy metrics are averaged over
 */
record RunSpec(String dataset, long dataFingerprint, StudentSpec student, TeacherSpec teacher, String teacherKey, String label,
        MethodDescriptor<?> method, MethodSetting setting, long seed, List<Integer> ks, int groups, UserAveraging averaging) {

    /** A run averaged over the users with held-out items. */
    RunSpec(String dataset, long dataFingerprint, StudentSpec student, TeacherSpec teacher, String teacherKey, String label,
            MethodDescriptor<?> method, MethodSetting setting, long seed, List<Integer> ks, int groups) {
        this(dataset, dataFingerprint, student, teacher, teacherKey, label, method, setting, seed, ks, groups, UserAveraging.HELD_OUT_USERS);
    }

    /**
     * Hash of everything that changes the result: the data, the teacher (except for the plain
     * student, which has none), the architecture, the method's complete settings (defaults
     * included, so a changed default is a new run), the training loop, the seed and the metrics
     * (an all-users averaging is appended; runs of the default averaging keep their keys).
     * The row's label is not part of it: renaming a row reuses its runs.
     */
    String key() {
        // v2: LazyAdam keeps Adam's eps when it catches up skipped steps (a fix that changes trained models), so v1 runs are not reused
        String plain = String.join("|", "run-v2", Long.toHexString(dataFingerprint),
                method == DistillationMethods.NONE ? "-" : teacherKey, student.model().canonical(), method.name(),
                setting.methodSettings(), setting.training().toString(), Long.toString(seed), ks.toString(), Integer.toString(groups));
        return Hashes.of(averaging == UserAveraging.HELD_OUT_USERS ? plain : plain + "|averaging=" + averaging.id());
    }

    /** "citeulike mf-10 unkd kdWeight=0.5 seed 2022". */
    String describe() {
        return dataset + " " + student.name() + " " + label + (setting.values().isEmpty() ? "" : " [" + setting.describe() + "]")
                + " seed " + seed;
    }
}
