package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rce-kd as an experiment row, with a search over its KD weight: a registered method needs nothing else to run in a grid. */
class RceKdExperimentTest {
    @TempDir
    Path dir;

    @Test
    void aTinyExperimentWithRceKdRuns() throws IOException {
        String text = "name: rce-kd\nseeds: [1]\n" + TinyExperiments.DATA + """
                methods:
                  - method: rce-kd
                    paper: RCE-KD
                    params: {topK: 10, samples: 10, studentDepth: 60, kdWeight: [5, 50], excludeTrain: false}
                """;
        ExperimentConfig config = ExperimentConfig.parse(text, true, Path.of("."));
        try (ChunkedExecutor executor = new ChunkedExecutor(2)) {
            ExperimentResults r = new ExperimentRunner(config, dir, false, executor, ExperimentListener.NONE).run();
            assertThat(r.failures()).isEmpty();
            assertThat(r.runsTrained()).isEqualTo(2);
            assertThat(r.tables().get(0).arms()).extracting(a -> a.arm().spec().method().name()).containsExactly("rce-kd");
        }
    }
}
