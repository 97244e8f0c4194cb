package dev.unkd.experiment;

import dev.unkd.distill.MethodDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A method entry of the config.
 *
 * @param label the row's name in tables (default: the method's name)
 * @param method the distillation method ({@code none} = plain student)
 * @param params parameter values by key; a list of several values is searched (or expanded)
 * @param expand keys whose values give separate table rows instead of being searched (an
 *     ablation: {@code groups: [1, 2, 4]} with {@code expand: [groups]} reports each K)
 * @param paperRow the row of the paper's tables this entry reproduces ("UnKD"), if any
 * @param teacher a teacher that replaces the student's own for this entry (the paper's PD-CD and
 *     PD-HTD rows: CD and HTD from a popularity-deconfounded teacher), if any
 * @param students the students this entry runs for (empty: every student), e.g. a slow method on
 *     one backbone only
 */
record MethodSpec(String label, MethodDescriptor<?> method, Map<String, List<Object>> params, List<String> expand,
        Optional<String> paperRow, Optional<String> teacher, List<String> students) {
    MethodSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        expand = List.copyOf(expand);
        students = List.copyOf(students);
    }

    boolean runsFor(StudentSpec student) {
        return students.isEmpty() || students.contains(student.name());
    }

    /** The teacher this entry learns from when distilling into {@code student}. */
    String teacherFor(StudentSpec student) {
        return teacher.orElse(student.teacher());
    }

    /** The rows this entry gives: one per combination of the expanded keys' values. */
    List<Arm> arms() {
        Map<String, List<Object>> expanded = new LinkedHashMap<>();
        Map<String, List<Object>> searched = new LinkedHashMap<>();
        params.forEach((k, v) -> (expand.contains(k) ? expanded : searched).put(k, v));
        List<Arm> arms = new ArrayList<>();
        for (Map<String, Object> fixed : ParameterGrid.product(expanded)) {
            String armLabel = fixed.isEmpty() ? label : label + " " + ParamValues.describe(fixed);
            List<Map<String, Object>> points = new ArrayList<>();
            for (Map<String, Object> p : ParameterGrid.product(searched)) {
                Map<String, Object> point = new LinkedHashMap<>(fixed);
                point.putAll(p);
                points.add(point);
            }
            arms.add(new Arm(armLabel, this, points));
        }
        return arms;
    }

    /** Grid points searched per row: the product of the searched keys' list lengths. */
    int searchBudget() {
        Map<String, List<Object>> searched = new LinkedHashMap<>(params);
        expand.forEach(searched::remove);
        return ParameterGrid.size(searched);
    }

    /**
     * A table row of the experiment: a method entry with its expanded values fixed, and the grid
     * points searched for it.
     */
    record Arm(String label, MethodSpec spec, List<Map<String, Object>> points) {
        Arm {
            points = List.copyOf(points);
        }
    }
}
