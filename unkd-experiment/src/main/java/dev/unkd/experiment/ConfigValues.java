package dev.unkd.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a config file's keys and values meet typed parameters. Keys match ignoring case, '-' and
 * '_' ({@code kd-weight}, {@code kd_weight} and {@code kdWeight} are the same key). Values convert
 * only where nothing is lost: an integer for an int, long or double, a number for a double,
 * true/false for a boolean, a name for an enum (any case).
 */
final class ConfigValues {
    private ConfigValues() {
    }

    /** A normalised key: lower case without '-' and '_'. */
    static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Whether two keys name the same parameter. */
    static boolean sameKey(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    /** A config value as a value of {@code type}; throws {@link IllegalArgumentException} saying what was expected. */
    static Object convert(Object value, Class<?> type) {
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
