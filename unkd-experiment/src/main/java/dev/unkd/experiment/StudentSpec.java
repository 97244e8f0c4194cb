package dev.unkd.experiment;

import dev.unkd.model.ModelSpec;
/**
 * A student architecture of the experiment and the teacher it learns from.
 *
 * @param name its name in tables ("mf-10" by default)
 * @param model architecture
 * @param teacher the name of a {@link TeacherSpec}
 * @param training the experiment's student training loop with this student's own keys applied
 *     (a LightGCN student may need fewer epochs than an MF one); method parameters apply on top
 */
record StudentSpec(String name, ModelSpec model, String teacher, TrainingSettings training) {
}
