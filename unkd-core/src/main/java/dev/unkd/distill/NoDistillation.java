package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;

/**
 * No distillation: the plain student trained with BPR (Rendle et al., <i>BPR: Bayesian
 * Personalized Ranking from Implicit Feedback</i>, UAI 2009) and L2, the "no KD" baseline of
 * every table. It has no parameters and uses no teacher.
 */
public record NoDistillation() implements DistillerSettings {
    @Override
    public String method() {
        return "none";
    }

    /** 0: there is no distillation term. */
    @Override
    public double kdWeight() {
        return 0;
    }

    /** These settings: there is no distillation term to weigh. */
    @Override
    public NoDistillation withKdWeight(double w) {
        return this;
    }

    /** BPR alone; the teacher is not used (and may be null). */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        return List.of(new BprObjective(1.0));
    }
}
