package dev.unkd.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cartesian product of parameter lists, in a fixed order: the first key varies slowest. */
final class ParameterGrid {
    private ParameterGrid() {
    }

    static List<Map<String, Object>> product(Map<String, List<Object>> lists) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : lists.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : e.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** Number of points of the product. */
    static int size(Map<String, List<Object>> lists) {
        int n = 1;
        for (List<Object> l : lists.values()) {
            n *= l.size();
        }
        return n;
    }
}
