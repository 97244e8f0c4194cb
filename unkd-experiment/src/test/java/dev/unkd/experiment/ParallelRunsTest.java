package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs trained side by side ({@code parallelRuns} > 1) give the sequential experiment's results, numbering and reports. */
class ParallelRunsTest {
    private static ChunkedExecutor executor;

    @TempDir
    Path dir;

    @BeforeAll
    static void pool() {
        executor = new ChunkedExecutor(2);
    }

    @AfterAll
    static void close() {
        executor.close();
    }

    /** Fails CD at kdWeight 0.5 (a search run) and UnKD at kdWeight 1.0, the first after a pause so the runs finish out of order. */
    private static ExperimentRunner.RunTrainerFactory failingSome() {
        return pipeline -> {
            StudentTrainer real = new StudentTrainer(pipeline);
            return (spec, data, teacher, listener) -> {
                Object w = spec.setting().values().get("kdWeight");
                if (spec.method() == DistillationMethods.CD && w.equals(0.5)) {
                    sleep(300);
                    throw new IllegalStateException("simulated failure in CD");
                }
                if (spec.method() == DistillationMethods.UNKD && w.equals(1.0)) {
                    throw new IllegalStateException("simulated failure in UnKD");
                }
                return real.train(spec, data, teacher, listener);
            };
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Two students with teachers of their own: their rows share the workers, and the runs need both teachers at once. */
    private static final String TWO_STUDENTS = """
            name: two students
            seeds: [1, 2]
            datasets:
              - name: tiny
                synthetic: {users: 160, items: 240, rank: 6, meanItemsPerUser: 16, minItemsPerUser: 5, seed: 11}
            teachers:
              - {name: teacher, model: mf, dim: 12, epochs: 8, seed: 1}
              - {name: wide, model: mf, dim: 16, epochs: 6, seed: 2}
            students:
              - {name: mf-4, model: mf, dim: 4, teacher: teacher}
              - {name: mf-3, model: mf, dim: 3, teacher: wide}
            training: {epochs: 5, patience: 1}
            """ + TinyExperiments.METHODS;

    private static ExperimentResults run(ExperimentConfig config, Path out, int parallel, List<Integer> numbers) throws IOException {
        ExperimentListener listener = new ExperimentListener() {
            @Override
            public void runFinished(int index, int total, RunResult result, boolean stored) {
                numbers.add(index);
            }

            @Override
            public void runFailed(int index, int total, RunSpec spec, Exception error) {
                numbers.add(index);
            }
        };
        return new ExperimentRunner(config, out, false, executor, listener, failingSome(), parallel).run();
    }

    /** results.csv without its seconds column (the only one that depends on the machine's speed). */
    private static String withoutSeconds(ExperimentResults r) {
        List<String> lines = ResultsCsv.render(r).lines().toList();
        int col = Arrays.asList(lines.get(0).split(",", -1)).indexOf("seconds");
        assertThat(col).isPositive();
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(Arrays.asList(l.split(",", -1)));
            cells.remove(col);
            return String.join(",", cells);
        }).collect(Collectors.joining("\n"));
    }

    private static List<String> storedRunsWithoutSeconds(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("runs"))) {
            List<String> all = new ArrayList<>();
            for (Path f : files.sorted().toList()) {
                all.add(f.getFileName() + "\n" + Files.readAllLines(f).stream().filter(l -> !l.contains("\"seconds\""))
                        .collect(Collectors.joining("\n")));
            }
            return all;
        }
    }

    @Test
    void twoRunsAtOnceGiveTheSequentialResultsNumbersFailuresAndFiles() throws IOException {
        sameAsSequential(TinyExperiments.config());
    }

    @Test
    void twoStudentsRowsShareTheWorkersWithTheSameResults() throws IOException {
        ExperimentResults r = sameAsSequential(ExperimentConfig.parse(TWO_STUDENTS, true, Path.of(".")));
        assertThat(r.tables()).extracting(t -> t.student().name()).containsExactly("mf-4", "mf-3");
        assertThat(r.teachersTrained()).isEqualTo(2);
    }

    private ExperimentResults sameAsSequential(ExperimentConfig config) throws IOException {
        List<Integer> sequentialNumbers = Collections.synchronizedList(new ArrayList<>());
        List<Integer> parallelNumbers = Collections.synchronizedList(new ArrayList<>());
        ExperimentResults sequential = run(config, dir.resolve("one"), 1, sequentialNumbers);
        ExperimentResults parallel = run(config, dir.resolve("two"), 2, parallelNumbers);

        assertThat(withoutSeconds(parallel)).isEqualTo(withoutSeconds(sequential));
        assertThat(SearchCsv.render(parallel).replaceAll(",[0-9.]+,(true|false),", ","))
                .isEqualTo(SearchCsv.render(sequential).replaceAll(",[0-9.]+,(true|false),", ","));
        assertThat(storedRunsWithoutSeconds(dir.resolve("two"))).isEqualTo(storedRunsWithoutSeconds(dir.resolve("one")));
        // each student's CD failure comes before its UnKD one in the sequential order although it finished last
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < config.students().size(); s++) {
            expected.addAll(List.of("simulated failure in CD", "simulated failure in UnKD"));
        }
        assertThat(sequential.failures()).extracting(RunFailure::message).containsExactlyElementsOf(expected);
        assertThat(parallel.failures()).isEqualTo(sequential.failures());
        assertThat(parallel.warnings()).isEqualTo(sequential.warnings());
        int total = ExperimentRunner.plannedRuns(config);
        assertThat(sequentialNumbers).isSorted().doesNotHaveDuplicates().hasSize(total);
        assertThat(parallelNumbers).containsExactlyInAnyOrderElementsOf(sequentialNumbers);
        assertThat(parallel.runsTrained()).isEqualTo(sequential.runsTrained());
        return parallel;
    }

    @Test
    void anErrorInARunStopsTheExperimentAsItself() {
        ExperimentRunner runner = new ExperimentRunner(config(), dir, false, executor, ExperimentListener.NONE, pipeline -> {
            StudentTrainer real = new StudentTrainer(pipeline);
            return (spec, data, teacher, listener) -> {
                if (spec.method() == DistillationMethods.RD) {
                    throw new OutOfMemoryError("simulated: Java heap space");
                }
                return real.train(spec, data, teacher, listener);
            };
        }, 2);
        assertThatThrownBy(runner::run).isInstanceOf(OutOfMemoryError.class).hasMessage("simulated: Java heap space");
    }

    @Test
    void refusesFewerThanOneRunAtATime() {
        assertThatThrownBy(() -> new ExperimentRunner(config(), dir, false, executor, ExperimentListener.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallel runs: 0");
    }

    private static ExperimentConfig config() {
        try {
            return TinyExperiments.config();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
