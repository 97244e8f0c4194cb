package dev.unkd.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole comparison: datasets x students (each with its teacher) x method rows x seeds, with a
 * parameter search per row. Read from YAML or JSON by {@link ConfigParser}; see
 * {@code configs/paper-citeulike.yaml} for a commented example.
 *
 * @param name a title for reports
 * @param datasets the datasets
 * @param teachers the teachers students refer to
 * @param students the student architectures
 * @param training the students' training loop (method parameters may override any field)
 * @param methods the method entries, in table order
 * @param seeds the seeds every row is trained with
 * @param ks list lengths of the metrics (must include 20: NDCG@20 picks epochs and settings)
 * @param groups popularity groups of the bias report (share of top-K slots per group)
 * @param search how settings are chosen
 */
public record ExperimentConfig(String name, List<DatasetSpec> datasets, List<TeacherSpec> teachers, List<StudentSpec> students,
        TrainingSettings training, List<MethodSpec> methods, List<Long> seeds, List<Integer> ks, int groups, SearchSettings search) {
    public ExperimentConfig {
        datasets = List.copyOf(datasets);
        teachers = List.copyOf(teachers);
        students = List.copyOf(students);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        ks = List.copyOf(ks);
    }

    /** Reads and validates a YAML ({@code .yaml}, {@code .yml}) or JSON config file. */
    public static ExperimentConfig read(Path file) throws IOException {
        return ConfigParser.read(file);
    }

    /** Parses config text; relative paths resolve against {@code baseDir}. */
    public static ExperimentConfig parse(String text, boolean yaml, Path baseDir) throws IOException {
        return ConfigParser.parse(text, yaml, baseDir, null);
    }

    TeacherSpec teacher(String teacherName) {
        return teachers.stream().filter(t -> t.name().equals(teacherName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no teacher " + teacherName));
    }

    /** Seeds that train every grid point. */
    List<Long> searchSeeds() {
        return seeds.subList(0, Math.min(search.seeds(), seeds.size()));
    }
}
