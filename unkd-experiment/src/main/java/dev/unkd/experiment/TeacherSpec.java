package dev.unkd.experiment;

import dev.unkd.model.ModelSpec;
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
 */
record TeacherSpec(String name, ModelSpec model, TrainingSettings training, OptionalLong seed, OptionalDouble pdGamma) {
    /** How this teacher's setting reads in tables: its training loop, and its PD gamma if it has one. */
    String describe() {
        return training.describe() + (pdGamma.isPresent() ? " pdGamma=" + ParamValues.shown(pdGamma.getAsDouble()) : "");
    }

    long seedFor(long runSeed) {
        return seed.orElse(runSeed);
    }
}
