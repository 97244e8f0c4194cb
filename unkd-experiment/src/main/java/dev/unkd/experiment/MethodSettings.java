package dev.unkd.experiment;

import dev.unkd.distill.DistillationConfig;
import dev.unkd.distill.DistillationMethod;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a method's parameter values into a {@link MethodSetting}. Keys naming a field of the
 * training loop ({@link TrainingSettings#KEYS}: lr, decay, ...) set the student's training; every
 * other key names a component of the method's settings record, found in
 * {@link DistillationConfig} by the method's name ({@code unkd} -> {@code unkd()},
 * {@code de-rrd} -> {@code deRrd()}), so a method added to {@link DistillationMethod},
 * {@link DistillationConfig} and {@code DistillerFactory} is configurable here unchanged.
 */
final class MethodSettings {
    private MethodSettings() {
    }

    /**
     * The component of {@link DistillationConfig} holding this method's settings, if it has any:
     * the one named like the method ({@code unkd}, {@code deRrd} for "de-rrd"), or else the one
     * whose record type is ({@code DeRrdConfig}), ignoring case, '-', '_' and a "Config" suffix.
     */
    static Optional<RecordComponent> component(DistillationMethod method) {
        String name = RecordOverrides.normalise(method.cliName());
        RecordComponent[] components = DistillationConfig.class.getRecordComponents();
        Optional<RecordComponent> byName = Arrays.stream(components).filter(c -> c.getType().isRecord())
                .filter(c -> RecordOverrides.normalise(c.getName()).equals(name)).findFirst();
        return byName.isPresent() ? byName : Arrays.stream(components).filter(c -> c.getType().isRecord())
                .filter(c -> RecordOverrides.normalise(c.getType().getSimpleName()).replaceFirst("config$", "").equals(name)).findFirst();
    }

    /** Every key a method accepts: the training keys, then the method's own. */
    static List<String> keys(DistillationMethod method) {
        List<String> keys = new ArrayList<>(TrainingSettings.KEYS);
        component(method).ifPresent(c -> keys.addAll(RecordOverrides.names(recordType(c))));
        return keys;
    }

    /**
     * Resolves one grid point. Throws {@link RecordOverrides.KeyProblem} naming the key at fault,
     * or {@link IllegalArgumentException} when the method's settings reject a combination.
     */
    static MethodSetting resolve(DistillationMethod method, TrainingSettings base, Map<String, Object> values) {
        TrainingSettings training = base;
        Map<String, Object> own = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Optional<String> trainingKey = TrainingSettings.KEYS.stream()
                    .filter(k -> RecordOverrides.normalise(k).equals(RecordOverrides.normalise(e.getKey()))).findFirst();
            if (trainingKey.isPresent()) {
                try {
                    training = training.with(trainingKey.get(), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new RecordOverrides.KeyProblem(e.getKey(), ex.getMessage());
                }
            } else {
                own.put(e.getKey(), e.getValue());
            }
        }
        DistillationConfig config = DistillationConfig.defaults();
        Optional<RecordComponent> component = component(method);
        if (component.isEmpty()) {
            if (!own.isEmpty()) {
                String key = own.keySet().iterator().next();
                throw new RecordOverrides.KeyProblem(key, "unknown parameter: method " + method.cliName()
                        + " takes only training parameters (" + String.join(", ", TrainingSettings.KEYS) + ")");
            }
            return new MethodSetting(values, training, config, "");
        }
        Record settings = (Record) RecordOverrides.get(component.get(), config);
        try {
            settings = RecordOverrides.with(settings, own);
        } catch (RecordOverrides.KeyProblem p) {
            throw p.getMessage().startsWith("unknown parameter")
                    ? new RecordOverrides.KeyProblem(p.key(), "unknown parameter (expected one of " + String.join(", ", keys(method)) + ")")
                    : p;
        }
        config = RecordOverrides.withComponent(config, component.get(), settings);
        return new MethodSetting(values, training, config, settings.toString());
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Record> recordType(RecordComponent c) {
        return (Class<? extends Record>) c.getType();
    }
}
