package dev.unkd.distill;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a distillation method: a component of its settings record with its
 * {@link Param} description and its registered default.
 *
 * @param name the record component's name, also the experiment-config key ("sampleBudget")
 * @param type the component's type (int, double, boolean or an enum)
 * @param flag the {@code unkd distill} flag that sets it, if any ("--samples")
 * @param sharedFlag whether that flag is the command's, common to several methods ({@link Param#shared})
 * @param description help text, without the default
 * @param defaultValue the value in the method's registered defaults
 */
public record MethodParameter(String name, Class<?> type, Optional<String> flag, boolean sharedFlag, String description,
        Object defaultValue) {
    public MethodParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (sharedFlag && flag.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + " has a shared flag but no flag");
        }
    }

    /** Whether this parameter has a flag of its own (not shared with the command). */
    public boolean ownFlag() {
        return flag.isPresent() && !sharedFlag;
    }
}
