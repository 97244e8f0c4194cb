package dev.unkd.experiment;

import dev.unkd.distill.MethodDescriptor;
import dev.unkd.distill.MethodParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a method's parameter values into a {@link MethodSetting}. Keys naming a field of the
 * training loop ({@link TrainingSettings#KEYS}: lr, decay, ...) set the student's training; every
 * other key names one of the method's parameters ({@link MethodDescriptor#parameters()}, the
 * components of its settings record), so a method registered in
 * {@link dev.unkd.distill.DistillationMethods} is configurable here unchanged.
 */
final class MethodSettings {
    private MethodSettings() {
    }

    /** Every key a method accepts: the training keys, then the method's parameters. */
    static List<String> keys(MethodDescriptor<?> method) {
        List<String> keys = new ArrayList<>(TrainingSettings.KEYS);
        method.parameters().forEach(p -> keys.add(p.name()));
        return keys;
    }

    /**
     * Resolves one grid point. Throws {@link ConfigValues.KeyProblem} naming the key at fault,
     * or {@link IllegalArgumentException} when the method's settings reject a combination.
     */
    static MethodSetting resolve(MethodDescriptor<?> method, TrainingSettings base, Map<String, Object> values) {
        Split split = split(method, base, values);
        return new MethodSetting(values, split.training(), method.with(split.own()));
    }

    /**
     * Checks keys and values without building the method's settings, whose rules may span several
     * parameters (rce-kd: studentDepth >= topK): alone, a value would be judged against the other
     * parameters' defaults, not the grid's values. Throws {@link ConfigValues.KeyProblem}.
     */
    static void check(MethodDescriptor<?> method, TrainingSettings base, Map<String, Object> values) {
        split(method, base, values);
    }

    /** The training loop the values give, and the method's own parameters by name, converted to their types. */
    private record Split(TrainingSettings training, Map<String, Object> own) {
    }

    private static Split split(MethodDescriptor<?> method, TrainingSettings base, Map<String, Object> values) {
        TrainingSettings training = base;
        Map<String, Object> own = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Optional<String> trainingKey = TrainingSettings.KEYS.stream().filter(k -> ConfigValues.sameKey(k, e.getKey())).findFirst();
            if (trainingKey.isPresent()) {
                try {
                    training = training.with(trainingKey.get(), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new ConfigValues.KeyProblem(e.getKey(), ex.getMessage());
                }
                continue;
            }
            if (method.parameters().isEmpty()) {
                throw new ConfigValues.KeyProblem(e.getKey(), "unknown parameter: method " + method.name()
                        + " takes only training parameters (" + String.join(", ", TrainingSettings.KEYS) + ")");
            }
            MethodParameter p = method.parameters().stream().filter(q -> ConfigValues.sameKey(q.name(), e.getKey())).findFirst()
                    .orElseThrow(() -> new ConfigValues.KeyProblem(e.getKey(),
                            "unknown parameter (expected one of " + String.join(", ", keys(method)) + ")"));
            try {
                own.put(p.name(), ConfigValues.convert(e.getValue(), p.type()));
            } catch (IllegalArgumentException ex) {
                throw new ConfigValues.KeyProblem(e.getKey(), ex.getMessage());
            }
        }
        return new Split(training, own);
    }
}
