package dev.unkd.experiment;

import dev.unkd.distill.DistillationConfig;
import java.util.Map;

/**
 * One point of a method's grid, resolved: the values as the config gave them, the training loop
 * they produce and the distillation settings (the method's defaults with the given values).
 *
 * @param values  parameter values by the config's key, in config order
 * @param training the student's training loop
 * @param distillation all methods' settings; only the run's method part is used
 * @param methodSettings the method's own settings record as text (its toString), or "" for none:
 *     part of the run key, so changed defaults never reuse an old result
 */
record MethodSetting(Map<String, Object> values, TrainingSettings training, DistillationConfig distillation, String methodSettings) {
    MethodSetting {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** {@code kdWeight=0.5 groups=4}, or "defaults" for none. */
    String describe() {
        return values.isEmpty() ? "defaults" : ParamValues.describe(values);
    }
}
