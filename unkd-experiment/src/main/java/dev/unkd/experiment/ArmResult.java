package dev.unkd.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table row's outcome on one dataset and student: the searched grid, the picked setting, and
 * the runs of the picked setting with every seed (the numbers that are reported).
 */
record ArmResult(String dataset, String student, MethodSpec.Arm arm, List<GridPoint> grid, Optional<Map<String, Object>> picked,
        List<RunResult> finals) {
    String label() {
        return arm.label();
    }
}
