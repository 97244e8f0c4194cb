package dev.unkd.experiment;

import dev.unkd.model.ModelSpec;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A teacher of the experiment, trained here with BPR and cached.
 *
 * @param name referenced by students
 * @param model architecture
 * @param training its training loop
 * @param seed a fixed seed: one teacher serves every seed of the experiment (as in the paper,
 *     where students distil from one pre-trained teacher); empty: one teacher per seed
 * @param pdGamma present: a popularity-deconfounded (PD) teacher trained with this gamma (the
 *     paper's PD-CD / PD-HTD rows distil from one); empty: plain BPR
 * @param checkpoints epochs after which the teacher is also saved (its training trajectory, which
 *     hetcomp students distil from); empty: none
 */
record TeacherSpec(String name, ModelSpec model, TrainingSettings training, OptionalLong seed, OptionalDouble pdGamma,
        List<Integer> checkpoints) {
    TeacherSpec {
        checkpoints = List.copyOf(checkpoints);
    }

    /** A teacher without checkpoints. */
    TeacherSpec(String name, ModelSpec model, TrainingSettings training, OptionalLong seed, OptionalDouble pdGamma) {
        this(name, model, training, seed, pdGamma, List.of());
    }

    /** How this teacher's setting reads in tables: its training loop, and its PD gamma and checkpoints if it has them. */
    String describe() {
        return training.describe() + (pdGamma.isPresent() ? " pdGamma=" + ParamValues.shown(pdGamma.getAsDouble()) : "")
                + (checkpoints.isEmpty() ? "" : " checkpoints=" + checkpoints.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
    }

    long seedFor(long runSeed) {
        return seed.orElse(runSeed);
    }
}
