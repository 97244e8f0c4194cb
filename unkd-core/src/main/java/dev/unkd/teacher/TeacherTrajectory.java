package dev.unkd.teacher;

import dev.unkd.model.Scorer;
import java.util.List;
import java.util.Objects;

/**
 * One teacher's training trajectory, what HetComp distils from (Kang et al., WWW 2023): the
 * scorers of its checkpoints in training order, the final (kept) model last.
 *
 * @param source where it came from ("model file t.unkd with checkpoints t.checkpoints/ at epochs 10, 50")
 * @param epochs the training epoch of each stage (the final model's is its kept epoch, 0 when unknown)
 * @param stages the scorers, earliest first, final last; at least one checkpoint before the final
 */
public record TeacherTrajectory(String source, List<Integer> epochs, List<Scorer> stages) {
    public TeacherTrajectory {
        Objects.requireNonNull(source, "source");
        epochs = List.copyOf(epochs);
        stages = List.copyOf(stages);
        if (stages.size() < 2) {
            throw new IllegalArgumentException("a training trajectory needs at least one checkpoint before the final model (" + source
                    + " has " + stages.size() + " stage(s))");
        }
        if (epochs.size() != stages.size()) {
            throw new IllegalArgumentException(epochs.size() + " epochs for " + stages.size() + " stages (" + source + ")");
        }
        Scorer last = stages.get(stages.size() - 1);
        for (Scorer s : stages) {
            if (s.numUsers() != last.numUsers() || s.numItems() != last.numItems()) {
                throw new IllegalArgumentException("the stages of " + source + " cover different users x items: " + s.numUsers() + " x "
                        + s.numItems() + " against the final model's " + last.numUsers() + " x " + last.numItems());
            }
        }
    }

    /** The final model. */
    public Scorer finalModel() {
        return stages.get(stages.size() - 1);
    }

    /** Number of stages (checkpoints + the final model). */
    public int size() {
        return stages.size();
    }
}
