package dev.unkd.teacher;

import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A teacher for distillation, whatever framework trained it: a scorer over the dataset's dense
 * user and item indices (higher is better; -Infinity for pairs it cannot score, which are then
 * never ranked), and, when the teacher is a factor model, its final embeddings (embedding-based
 * methods such as DE and HTD need them; UnKD, RD and CD need only the scores), and, for HetComp,
 * the training trajectories of one or more teachers (empty for every other teacher).
 *
 * @param source where it came from, for logs and provenance ("model file x.unkd", ...)
 * @param trajectories the teachers' checkpoints and final models ({@link Teachers#trajectory}); when
 *     several, the scorer and embeddings are the first one's final model
 */
public record Teacher(String source, Scorer scorer, Optional<Embeddings> embeddings, List<TeacherTrajectory> trajectories) {
    public Teacher {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(embeddings, "embeddings");
        trajectories = List.copyOf(trajectories);
    }

    /** A teacher without a training trajectory. */
    public Teacher(String source, Scorer scorer, Optional<Embeddings> embeddings) {
        this(source, scorer, embeddings, List.of());
    }
}
