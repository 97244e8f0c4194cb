package dev.unkd.experiment;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.MethodDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code methods} entries of an experiment config. Every parameter value is converted here,
 * alone, and every grid point's settings are built, so a bad value or a combination the method
 * rejects fails when the config is read (and in {@code --dry-run}), not when its run starts.
 */
final class MethodParser {
    private static final List<String> METHOD = List.of("method", "label", "paper", "params", "expand", "teacher", "students");

    private MethodParser() {
    }

    /**
     * @param teacherNames the config's teachers, to check a {@code teacher} reference (null: not checked)
     * @param studentNames the config's students, to check a {@code students} list (null: not checked)
     */
    static MethodSpec method(ConfigNode n, TrainingSettings training, List<String> teacherNames, List<String> studentNames) {
        n.allowOnly(METHOD);
        ConfigNode m = n.get("method");
        MethodDescriptor<?> method = m.convert(() -> DistillationMethods.parse(m.text()));
        String label = n.optional("label").map(ConfigNode::text).orElse(method.name());
        Optional<String> paper = n.optional("paper").map(ConfigNode::text);
        Map<String, List<Object>> params = new LinkedHashMap<>();
        ConfigNode p = n.get("params");
        if (!p.isMissing()) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, ConfigNode> e : p.entries().entrySet()) {
                ConfigNode valueNode = e.getValue();
                if (!seen.add(ConfigValues.normalise(e.getKey()))) {
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
        Optional<String> teacher = n.optional("teacher").map(t -> reference(t, teacherNames, "teacher"));
        if (teacher.isPresent() && method == DistillationMethods.NONE) {
            throw n.get("teacher").problem("the plain student (method none) learns from no teacher");
        }
        List<String> students = new ArrayList<>();
        if (!n.get("students").isMissing()) {
            for (ConfigNode s : n.get("students").nonEmptyList()) {
                String name = reference(s, studentNames, "student");
                if (students.contains(name)) {
                    throw s.problem("student '" + name + "' appears twice");
                }
                students.add(name);
            }
        }
        MethodSpec spec = new MethodSpec(label, method, params, expand, paper, teacher, students);
        String row = label.equals(method.name()) ? "'" + label + "'" : "'" + label + "' (" + method.name() + ")";
        for (MethodSpec.Arm arm : spec.arms()) { // the settings record's rules may span parameters: build each whole point
            for (Map<String, Object> point : arm.points()) {
                try {
                    MethodSettings.resolve(method, training, point);
                } catch (IllegalArgumentException e) {
                    throw p.problem("grid point " + ParamValues.describe(point) + " of row " + row + ": " + e.getMessage());
                }
            }
        }
        return spec;
    }

    private static String reference(ConfigNode node, List<String> known, String what) {
        String name = node.text();
        if (known != null && !known.contains(name)) {
            throw node.problem("no " + what + " named '" + name + "' (" + what + "s: " + String.join(", ", known) + ")");
        }
        return name;
    }

    /**
     * Checks one value's key and conversion alone, so that its error names its key (or the list
     * element at fault); the method's own rules are judged on whole grid points.
     */
    private static void checkOne(MethodDescriptor<?> method, TrainingSettings training, String key, Object value, ConfigNode keyNode,
            ConfigNode valueNode) {
        try {
            MethodSettings.check(method, training, Map.of(key, value));
        } catch (ConfigValues.KeyProblem e) {
            throw (e.getMessage().startsWith("unknown parameter") ? keyNode : valueNode).problem(e.getMessage());
        }
    }
}
