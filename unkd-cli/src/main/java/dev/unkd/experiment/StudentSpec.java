package dev.unkd.experiment;

/**
 * A student architecture of the experiment and the teacher it learns from.
 *
 * @param name its name in tables ("mf-10" by default)
 * @param model architecture
 * @param teacher the name of a {@link TeacherSpec}
 */
record StudentSpec(String name, ModelSpec model, String teacher) {
}
