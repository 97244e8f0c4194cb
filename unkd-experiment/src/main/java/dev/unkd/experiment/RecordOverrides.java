package dev.unkd.experiment;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a copy of a settings record with some components replaced by name, through the
 * record's canonical constructor (so its own validation runs and its message is kept).
 *
 * <p>Why reflection: the distillation settings are one record per method
 * ({@code UnkdConfig}, {@code RdConfig}, ...), and a new method (DE-RRD, HTD) brings a new
 * record. Reading the components at run time lets an experiment set any parameter of any method
 * without this package listing them, so new methods need no change here.
 *
 * <p>Names match ignoring case, '-' and '_' ({@code kd-weight}, {@code kd_weight} and
 * {@code kdWeight} are the same key). Values convert only where nothing is lost: an integer
 * for an int, long or double, a number for a double, true/false for a boolean, a name for an
 * enum (any case).
 */
final class RecordOverrides {
    private RecordOverrides() {
    }

    /** A normalised key: lower case without '-' and '_'. */
    static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** The component of {@code type} a key names, if any. */
    static Optional<RecordComponent> component(Class<? extends Record> type, String key) {
        String k = normalise(key);
        return Arrays.stream(type.getRecordComponents()).filter(c -> normalise(c.getName()).equals(k)).findFirst();
    }

    /** The component names of a record, for "expected one of" messages. */
    static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toList());
    }

    /**
     * A copy of {@code base} with the given components replaced. Throws
     * {@link IllegalArgumentException} naming the key for an unknown key or a value of the wrong
     * type, or with the record's own message when its constructor rejects the values.
     */
    @SuppressWarnings("unchecked")
    static <R extends Record> R with(R base, Map<String, Object> overrides) {
        Class<R> type = (Class<R>) base.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int c = 0; c < components.length; c++) {
            values[c] = get(components[c], base);
        }
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            RecordComponent target = component(type, e.getKey()).orElseThrow(() -> new KeyProblem(e.getKey(),
                    "unknown parameter (expected one of " + String.join(", ", names(type)) + ")"));
            int index = indexOf(components, target.getName());
            try {
                values[index] = convert(e.getValue(), target.getType());
            } catch (IllegalArgumentException ex) {
                throw new KeyProblem(e.getKey(), ex.getMessage());
            }
        }
        return construct(type, components, values);
    }

    /** A copy of {@code base} with one component replaced by an already typed value. */
    @SuppressWarnings("unchecked")
    static <R extends Record> R withComponent(R base, RecordComponent component, Object value) {
        Class<R> type = (Class<R>) base.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int c = 0; c < components.length; c++) {
            values[c] = components[c].getName().equals(component.getName()) ? value : get(components[c], base);
        }
        return construct(type, components, values);
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int c = 0; c < components.length; c++) {
            if (components[c].getName().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException("no component " + name);
    }

    static Object get(RecordComponent component, Record from) {
        try {
            return component.getAccessor().invoke(from);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + from.getClass().getSimpleName(), e);
        }
    }

    private static <R extends Record> R construct(Class<R> type, RecordComponent[] components, Object[] values) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object convert(Object value, Class<?> type) {
        if (type == double.class || type == Double.class) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException("must be a number, got " + ParamValues.shown(value));
        }
        if (type == float.class || type == Float.class) {
            if (value instanceof Number n) {
                return n.floatValue();
            }
            throw new IllegalArgumentException("must be a number, got " + ParamValues.shown(value));
        }
        if (type == int.class || type == Integer.class) {
            if (value instanceof Integer i) {
                return i;
            }
            throw new IllegalArgumentException("must be an integer, got " + ParamValues.shown(value));
        }
        if (type == long.class || type == Long.class) {
            if (value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            throw new IllegalArgumentException("must be an integer, got " + ParamValues.shown(value));
        }
        if (type == boolean.class || type == Boolean.class) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("must be true or false, got " + ParamValues.shown(value));
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            for (Object c : constants) {
                if (normalise(((Enum<?>) c).name()).equals(normalise(String.valueOf(value)))) {
                    return c;
                }
            }
            throw new IllegalArgumentException("must be one of " + Arrays.stream(constants).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")) + ", got " + ParamValues.shown(value));
        }
        if (type == String.class) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("cannot be set from a config file (type " + type.getSimpleName() + ")");
    }

    /** A problem with one key, so the caller can prefix the key's path. */
    static final class KeyProblem extends IllegalArgumentException {
        private final String key;

        KeyProblem(String key, String message) {
            super(message);
            this.key = key;
        }

        String key() {
            return key;
        }
    }
}
