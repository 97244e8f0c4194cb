package dev.unkd.distill;

import dev.unkd.train.BatchObjective;
import java.util.List;
import java.util.Optional;

/**
 * A knowledge-distillation term of a student's training loss: prepared once from a teacher
 * (when constructed), refreshed at the start of every epoch ({@link #startEpoch}, e.g. to redraw
 * its samples) and adding its weighted loss and gradients to every batch ({@link #accumulate}).
 * The student's loss is BPR + L2 + the distiller's term; the KD weight is applied inside the
 * distiller. A student trained with no distiller is the "no KD" baseline.
 */
public interface Distiller extends BatchObjective {
    /** The settings it was built from (their method's name is this objective's name). */
    DistillerSettings settings();

    /** Weight of this term in the student's loss (lambda_KD, or RD's w). */
    double kdWeight();

    /** Wall time of the one-off preparation from the teacher (teacher ranking), in seconds. */
    double preparationSeconds();

    /** Wall time of the most recent {@link #startEpoch} (per-epoch sampling), in seconds. */
    double lastEpochSeconds();

    /** The distiller among a student's objectives, if any (for its timings and diagnostics). */
    static Optional<Distiller> find(List<BatchObjective> objectives) {
        return objectives.stream().filter(o -> o instanceof Distiller).map(o -> (Distiller) o).findFirst();
    }
}
