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

    private static ExperimentResults run(Path out, int parallel, List<Integer> numbers) throws IOException {
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
        return new ExperimentRunner(TinyExperiments.config(), out, false, executor, listener, failingSome(), parallel).run();
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
        List<Integer> sequentialNumbers = Collections.synchronizedList(new ArrayList<>());
        List<Integer> parallelNumbers = Collections.synchronizedList(new ArrayList<>());
        ExperimentResults sequential = run(dir.resolve("one"), 1, sequentialNumbers);
        ExperimentResults parallel = run(dir.resolve("two"), 2, parallelNumbers);

        assertThat(withoutSeconds(parallel)).isEqualTo(withoutSeconds(sequential));
        assertThat(SearchCsv.render(parallel).replaceAll(",[0-9.]+,(true|false),", ","))
                .isEqualTo(SearchCsv.render(sequential).replaceAll(",[0-9.]+,(true|false),", ","));
        assertThat(storedRunsWithoutSeconds(dir.resolve("two"))).isEqualTo(storedRunsWithoutSeconds(dir.resolve("one")));
        // the CD failure comes first in the sequential order although it finished last
        assertThat(sequential.failures()).extracting(RunFailure::message)
                .containsExactly("simulated failure in CD", "simulated failure in UnKD");
        assertThat(parallel.failures()).isEqualTo(sequential.failures());
        assertThat(parallel.warnings()).isEqualTo(sequential.warnings());
        int total = ExperimentRunner.plannedRuns(TinyExperiments.config());
        assertThat(sequentialNumbers).isSorted().doesNotHaveDuplicates().hasSize(total);
        assertThat(parallelNumbers).containsExactlyInAnyOrderElementsOf(sequentialNumbers);
        assertThat(parallel.runsTrained()).isEqualTo(sequential.runsTrained());
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
