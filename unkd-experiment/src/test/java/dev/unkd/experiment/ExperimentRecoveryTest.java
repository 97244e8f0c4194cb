package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, defect 5: damaged stored runs and cached teachers are redone with a warning, stale temp files removed. */
class ExperimentRecoveryTest {
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

    private static ExperimentResults run(Path out, List<String> warnings) throws IOException {
        ExperimentListener listener = new ExperimentListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
        return new ExperimentRunner(TinyExperiments.config(), out, false, executor, listener).run();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void incompleteRunsCorruptTeachersAndStaleTempFilesAreRecovered() throws IOException {
        assertThat(run(dir, new ArrayList<>()).failures()).isEmpty();

        // a stored run from "another version": parses, but lacks its test metrics (before: a NullPointerException aborted the grid)
        Path stored = files(dir.resolve("runs"), ".json").get(0);
        ObjectNode json = (ObjectNode) ResultFiles.JSON.readTree(stored.toFile());
        json.remove("test");
        Files.writeString(stored, json.toString());
        // the cached teacher's model file cut short (before: reported as cached, never retrained)
        Path model = files(dir.resolve("cache"), ".unkd").get(0);
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // a temp file an interrupted write left behind
        Path temp = Files.writeString(dir.resolve("runs").resolve(".x.json123456.tmp"), "{");

        List<String> warnings = new ArrayList<>();
        ExperimentResults r = run(dir, warnings);
        assertThat(r.failures()).isEmpty();
        assertThat(r.teachersTrained()).isEqualTo(1);
        assertThat(r.runsTrained()).isEqualTo(1);
        assertThat(r.runsReused()).isEqualTo(10);
        assertThat(temp).doesNotExist();
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("removed 1 temp file(s) left by an interrupted earlier run"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("cached teacher ").contains("is unusable, retraining it: ")
                .contains(model.toString()).contains("truncated"));
        assertThat(warnings).filteredOn(w -> w.startsWith("stored run ")).singleElement().satisfies(w -> assertThat(w)
                .contains("is unreadable or incomplete, redoing it: " + stored).contains("test"));
        assertThat(ResultFiles.JSON.readTree(stored.toFile()).has("test")).isTrue(); // rewritten complete

        List<String> again = new ArrayList<>();
        ExperimentResults third = run(dir, again);
        assertThat(third.teachersTrained()).isZero();
        assertThat(third.runsReused()).isEqualTo(11);
        assertThat(again).noneMatch(w -> w.contains("redoing") || w.contains("retraining") || w.contains("temp file"));
    }
}
