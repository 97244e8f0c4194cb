package dev.unkd.experiment;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.DistillerSettings;
import dev.unkd.distill.NoDistillation;
import java.util.Map;

/**
 * One point of a method's grid, resolved: the values as the config gave them, the training loop
 * they produce and the distillation settings (the method's defaults with the given values).
 *
 * @param values  parameter values by the config's key, in config order
 * @param training the student's training loop
 * @param distillation the method's settings
 */
record MethodSetting(Map<String, Object> values, TrainingSettings training, DistillerSettings distillation) {
    MethodSetting {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /**
     * The method's complete settings as one line ({@code UnkdConfig[groups=4, ...]}, see
     * {@link dev.unkd.distill.MethodDescriptor#canonical}), or "" for the plain student: part of
     * the run key, so changed defaults never reuse an old result.
     */
    String methodSettings() {
        return distillation instanceof NoDistillation ? "" : DistillationMethods.of(distillation).canonical(distillation);
    }

    /** {@code kdWeight=0.5 groups=4}, or "defaults" for none. */
    String describe() {
        return values.isEmpty() ? "defaults" : ParamValues.describe(values);
    }
}
