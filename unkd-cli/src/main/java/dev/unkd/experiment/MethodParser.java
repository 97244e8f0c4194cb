package dev.unkd.experiment;

import dev.unkd.distill.DistillationMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code methods} entries of an experiment config. Every parameter value is resolved here,
 * alone and in every grid combination, so a bad value fails when the config is read.
 */
final class MethodParser {
    private static final List<String> METHOD = List.of("method", "label", "paper", "params", "expand");

    private MethodParser() {
    }

    static MethodSpec method(ConfigNode n, TrainingSettings training) {
        n.allowOnly(METHOD);
        ConfigNode m = n.get("method");
        DistillationMethod method = m.convert(() -> DistillationMethod.parse(m.text()));
        String label = n.optional("label").map(ConfigNode::text).orElse(method.cliName());
        Optional<String> paper = n.optional("paper").map(ConfigNode::text);
        Map<String, List<Object>> params = new LinkedHashMap<>();
        ConfigNode p = n.get("params");
        if (!p.isMissing()) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, ConfigNode> e : p.entries().entrySet()) {
                ConfigNode valueNode = e.getValue();
                if (!seen.add(RecordOverrides.normalise(e.getKey()))) {
                    throw valueNode.problem("set twice (keys match ignoring case, '-' and '_')");
                }
                List<Object> values = new ArrayList<>();
                for (ConfigNode v : valueNode.nonEmptyList()) {
                    Object value = v.scalar();
                    if (values.contains(value)) {
                        throw v.problem("value " + ParamValues.shown(value) + " appears twice");
                    }
                    values.add(value);
                    checkOne(method, training, e.getKey(), value, valueNode, v);
                }
                params.put(e.getKey(), values);
            }
        }
        List<String> expand = new ArrayList<>();
        if (!n.get("expand").isMissing()) {
            for (ConfigNode e : n.get("expand").elements()) {
                String key = e.text();
                if (!params.containsKey(key)) {
                    throw e.problem("'" + key + "' is not a key of params (params: " + String.join(", ", params.keySet()) + ")");
                }
                expand.add(key);
            }
        }
        MethodSpec spec = new MethodSpec(label, method, params, expand, paper);
        for (MethodSpec.Arm arm : spec.arms()) { // combinations can fail where single values passed
            for (Map<String, Object> point : arm.points()) {
                try {
                    MethodSettings.resolve(method, training, point);
                } catch (IllegalArgumentException e) {
                    throw p.problem("the combination " + ParamValues.describe(point) + " is invalid: " + e.getMessage());
                }
            }
        }
        return spec;
    }

    /** Checks one parameter value alone, so that its error names its key (or the list element at fault). */
    private static void checkOne(DistillationMethod method, TrainingSettings training, String key, Object value, ConfigNode keyNode,
            ConfigNode valueNode) {
        try {
            MethodSettings.resolve(method, training, Map.of(key, value));
        } catch (RecordOverrides.KeyProblem e) {
            throw (e.getMessage().startsWith("unknown parameter") ? keyNode : valueNode).problem(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw valueNode.problem(e.getMessage());
        }
    }
}
