package dev.unkd.distill;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A registered distillation method ({@link DistillationMethods}): its name, heading label,
 * description, default settings and parameters, read once from its settings record (each
 * component's {@link Param}). Everything that lists or sets a method's parameters goes through
 * here: the command line's options, the experiment configs' keys, the provenance written with a
 * student. New settings are built through the record's canonical constructor, so the record's own
 * validation always runs.
 *
 * @param <S> the method's settings record
 */
public final class MethodDescriptor<S extends DistillerSettings> {
    private final String label;
    private final String description;
    private final S defaults;
    private final Class<S> type;
    private final List<MethodParameter> parameters;
    private final Method[] accessors;
    private final String[] keyNeutral;
    private final Constructor<S> constructor;

    @SuppressWarnings("unchecked")
    MethodDescriptor(String label, S defaults, String description) {
        this.label = Objects.requireNonNull(label, "label");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.description = Objects.requireNonNull(description, "description");
        this.type = (Class<S>) defaults.getClass();
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        accessors = new Method[components.length];
        keyNeutral = new String[components.length];
        List<MethodParameter> params = new ArrayList<>();
        for (int c = 0; c < components.length; c++) {
            RecordComponent component = components[c];
            Param p = component.getAnnotation(Param.class);
            if (p == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + component.getName() + " has no @Param description");
            }
            accessors[c] = component.getAccessor();
            keyNeutral[c] = p.keyNeutral();
            params.add(new MethodParameter(component.getName(), component.getType(),
                    p.flag().isEmpty() ? Optional.empty() : Optional.of(p.flag()), p.shared(), p.description(), read(c, defaults)));
        }
        this.parameters = Collections.unmodifiableList(params);
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
        }
    }

    /** The name on the command line, in experiment configs and in result files ("unkd", "de-rrd"). */
    public String name() {
        return defaults.method();
    }

    /** The method as papers and tables name it ("UnKD", "DE-RRD"), e.g. for the help heading "UnKD options". */
    public String label() {
        return label;
    }

    /** One line: what the method does and the paper it comes from. */
    public String description() {
        return description;
    }

    /** The default settings, from the method's paper or reference code (see the record's documentation). */
    public S defaults() {
        return defaults;
    }

    /** The settings record's class. */
    public Class<S> type() {
        return type;
    }

    /** The parameters in the record's component order. */
    public List<MethodParameter> parameters() {
        return parameters;
    }

    /** The parameter of that exact name, if any. */
    public Optional<MethodParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The defaults with the given parameters replaced; see {@link #with(DistillerSettings, Map)}. */
    public S with(Map<String, ?> values) {
        return with(defaults, values);
    }

    /**
     * Settings with some parameters of {@code base} replaced, by parameter name. A value must have
     * the parameter's type (an integer is accepted for a double). Throws
     * {@link IllegalArgumentException} naming the parameter for an unknown name or a value of the
     * wrong type, or with the record's own message when its validation rejects the values.
     */
    public S with(S base, Map<String, ?> values) {
        Object[] args = new Object[accessors.length];
        for (int c = 0; c < args.length; c++) {
            args[c] = read(c, cast(base));
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            int c = indexOf(e.getKey());
            args[c] = typed(parameters.get(c), e.getValue());
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /**
     * Every parameter of {@code settings} by name, in sorted key order, defaults included: the
     * "params" written to a student's metrics JSON and model file.
     */
    public SortedMap<String, Object> params(DistillerSettings settings) {
        S s = cast(settings);
        SortedMap<String, Object> m = new TreeMap<>();
        for (int c = 0; c < accessors.length; c++) {
            m.put(parameters.get(c).name(), read(c, s));
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /**
     * The settings as one canonical line, {@code UnkdConfig[groups=4, sampleBudget=30, ...]}: the
     * record's name and every parameter in component order, the form of a record's
     * {@code toString}, less the components at their {@link Param#keyNeutral} value. Experiment run
     * keys hash it, so it must not change for unchanged settings (a stored run is found by it).
     */
    public String canonical(DistillerSettings settings) {
        S s = cast(settings);
        StringJoiner line = new StringJoiner(", ", type.getSimpleName() + "[", "]");
        for (int c = 0; c < accessors.length; c++) {
            String value = String.valueOf(read(c, s));
            if (!value.equals(keyNeutral[c])) {
                line.add(parameters.get(c).name() + "=" + value);
            }
        }
        return line.toString();
    }

    /** The settings as this method's record; throws if they belong to another method. */
    public S cast(DistillerSettings settings) {
        if (!type.isInstance(settings)) {
            throw new IllegalArgumentException("settings of " + (settings == null ? "no method" : settings.method()) + ", not of " + name());
        }
        return type.cast(settings);
    }

    @Override
    public String toString() {
        return name();
    }

    private int indexOf(String name) {
        for (int c = 0; c < parameters.size(); c++) {
            if (parameters.get(c).name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(parameters.isEmpty() ? "Unknown parameter '" + name + "': " + name() + " has no parameters"
                : "Unknown parameter '" + name + "' of " + name() + " (expected one of "
                        + parameters.stream().map(MethodParameter::name).collect(Collectors.joining(", ")) + ")");
    }

    private Object typed(MethodParameter p, Object value) {
        Class<?> t = p.type();
        if (value == null) {
            throw new IllegalArgumentException("Invalid " + p.name() + " of " + name() + ": no value");
        }
        if ((t == double.class || t == Double.class) && (value instanceof Integer || value instanceof Long)) {
            return ((Number) value).doubleValue();
        }
        if (!box(t).isInstance(value)) {
            throw new IllegalArgumentException("Invalid " + p.name() + " of " + name() + ": expected " + t.getSimpleName() + ", got "
                    + value + " (" + value.getClass().getSimpleName() + ")");
        }
        return value;
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        if (t == int.class) {
            return Integer.class;
        }
        if (t == double.class) {
            return Double.class;
        }
        if (t == boolean.class) {
            return Boolean.class;
        }
        if (t == long.class) {
            return Long.class;
        }
        if (t == float.class) {
            return Float.class;
        }
        throw new IllegalStateException("unsupported parameter type " + t);
    }

    private Object read(int component, S from) {
        try {
            return accessors[component].invoke(from);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessors[component].getName() + " of " + type.getSimpleName(), e);
        }
    }
}
