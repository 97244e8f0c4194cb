package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rrd, de, fitnet and dcd as experiment rows: registered methods need nothing else to run in a grid. */
class NewMethodsExperimentTest {
    @TempDir
    Path dir;

    @Test
    void aTinyExperimentWithTheNewMethodsRuns() throws IOException {
        String text = "name: new distillers\nseeds: [1]\n" + TinyExperiments.DATA + """
                methods:
                  - method: rrd
                    paper: RRD
                    params: {topT: 20, interesting: 5, uninteresting: 5, sampleInteresting: [true, false]}
                  - method: de
                    paper: DE
                    params: {experts: 2}
                  - method: fitnet
                    paper: FitNet
                    params: {kdWeight: [0.001, 0.01]}
                  - method: dcd
                    paper: DCD
                    params: {topT: 100, samples: 5, refreshEvery: 2}
                """;
        ExperimentConfig config = ExperimentConfig.parse(text, true, Path.of("."));
        try (ChunkedExecutor executor = new ChunkedExecutor(2)) {
            ExperimentResults r = new ExperimentRunner(config, dir, false, executor, ExperimentListener.NONE).run();
            assertThat(r.failures()).isEmpty();
            assertThat(r.runsTrained()).isEqualTo(6);
            assertThat(r.tables().get(0).arms()).extracting(a -> a.arm().spec().method().name()).containsExactly("rrd", "de", "fitnet", "dcd");
        }
    }
}
