package dev.unkd.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a parsed config (YAML or JSON) that knows its path from the root, so that every
 * conversion error can say where it happened and what was found there.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;

    private ConfigNode(JsonNode node, String path) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
    }

    static ConfigNode root(JsonNode node) {
        return new ConfigNode(node, "");
    }

    String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isArray() {
        return node.isArray();
    }

    boolean isText() {
        return node.isTextual();
    }

    ConfigNode get(String key) {
        return new ConfigNode(node.get(key), path.isEmpty() ? key : path + "." + key);
    }

    Optional<ConfigNode> optional(String key) {
        ConfigNode child = get(key);
        return child.isMissing() ? Optional.empty() : Optional.of(child);
    }

    /** A problem at this node. */
    ConfigException problem(String message) {
        return new ConfigException(path() + ": " + message);
    }

    /** Fails on keys outside {@code allowed}, naming the allowed ones (catches typos such as 'fomat'). */
    ConfigNode allowOnly(Collection<String> allowed) {
        requireObject();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw get(name).problem("unknown key (expected one of " + String.join(", ", allowed) + ")");
            }
        }
        return this;
    }

    ConfigNode requireObject() {
        if (isMissing()) {
            throw problem("required");
        }
        if (!node.isObject()) {
            throw problem("must be a mapping of keys to values, got " + shown());
        }
        return this;
    }

    /** The entries of a mapping, in file order. */
    Map<String, ConfigNode> entries() {
        requireObject();
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(name -> out.put(name, get(name)));
        return out;
    }

    /** The elements of a list; a single value counts as a list of one. */
    List<ConfigNode> elements() {
        if (isMissing()) {
            throw problem("required");
        }
        List<ConfigNode> out = new ArrayList<>();
        if (!node.isArray()) {
            out.add(this);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** The elements of a required, non-empty list. */
    List<ConfigNode> nonEmptyList() {
        List<ConfigNode> out = elements();
        if (out.isEmpty()) {
            throw problem("must not be empty");
        }
        return out;
    }

    String text() {
        if (isMissing()) {
            throw problem("required");
        }
        if (!node.isValueNode() || node.isBoolean()) {
            throw problem("must be a text value, got " + shown());
        }
        String s = node.asText().strip();
        if (s.isEmpty()) {
            throw problem("must not be empty");
        }
        return s;
    }

    double number() {
        if (isMissing()) {
            throw problem("required");
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        throw problem("must be a number, got " + shown());
    }

    /** A number satisfying {@code min <= x} (or {@code min < x} when {@code strict}). */
    double number(double min, boolean strict) {
        String bound = (strict ? "> " : ">= ") + plain(min);
        if (isMissing()) {
            throw problem("required");
        }
        if (!node.isNumber()) {
            throw problem("must be a number " + bound + ", got " + shown());
        }
        double v = node.asDouble();
        if (!Double.isFinite(v) || (strict ? v <= min : v < min)) {
            throw problem("must be a number " + bound + ", got " + shown());
        }
        return v;
    }

    int integer(int min) {
        if (isMissing()) {
            throw problem("required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw problem("must be an integer >= " + min + ", got " + shown());
        }
        return node.asInt();
    }

    long longValue() {
        if (isMissing()) {
            throw problem("required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw problem("must be an integer, got " + shown());
        }
        return node.asLong();
    }

    boolean bool() {
        if (isMissing()) {
            throw problem("required");
        }
        if (!node.isBoolean()) {
            throw problem("must be true or false, got " + shown());
        }
        return node.asBoolean();
    }

    /** A scalar as a plain Java value (Integer/Long/Double, Boolean or String), for method parameters. */
    Object scalar() {
        if (isMissing()) {
            throw problem("required");
        }
        if (!node.isValueNode()) {
            throw problem("must be a single value, got " + shown());
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.asInt() : (Object) node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }

    /** Runs a conversion that may reject this value with {@link IllegalArgumentException}, as a problem at this key. */
    <T> T convert(java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage());
        }
    }

    /** How the value looked in the file, for messages. */
    String shown() {
        if (isMissing()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
