package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.serve.ServeFixture;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void selfTestRunsInProcessAndExits() throws IOException {
        Path split = dir.resolve("split");
        Dataset data = ServeFixture.writeSplit(split);
        Path model = ServeFixture.saveModel(data, dir.resolve("m.unkd"), 4, 1);
        CliRunner.Result run = CliRunner.run("serve", "--model", model.toString(), "--data", split.toString(), "--self-test", "100", "--k", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void badOptionsFailBeforeListening() throws IOException {
        Path split = dir.resolve("split");
        Dataset data = ServeFixture.writeSplit(split);
        Path model = ServeFixture.saveModel(data, dir.resolve("m.unkd"), 4, 1);
        CliRunner.Result fallback = CliRunner.run("serve", "--model", model.toString(), "--data", split.toString(), "--fallback", "random");
        assertThat(fallback.exitCode()).isEqualTo(Main.FAILED);
        assertThat(fallback.err()).contains("Invalid --fallback: 'random'");
        CliRunner.Result missing = CliRunner.run("serve", "--model", dir.resolve("none.unkd").toString(), "--data", split.toString());
        assertThat(missing.exitCode()).isEqualTo(Main.FAILED);
        assertThat(missing.err()).contains("none.unkd: file not found");
    }
}
