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
        CliRunner.Result indexed = CliRunner.run("serve", "--model", model.toString(), "--data", split.toString(), "--self-test", "100", "--k", "3",
                "--index", "hnsw", "--fold-in", "--fallback", "balanced");
        assertThat(indexed.exitCode()).as(indexed.err()).isZero();
        assertThat(indexed.out()).contains("hnsw index (ef 100").contains("100 requests, top-3");
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

    /** Issue 14, defect 3: a non-loopback address without a token is refused before listening, unless --insecure. */
    @Test
    void nonLoopbackHostWithoutATokenIsRefused() throws IOException {
        Path split = dir.resolve("split");
        Dataset data = ServeFixture.writeSplit(split);
        Path model = ServeFixture.saveModel(data, dir.resolve("m.unkd"), 4, 1);
        for (String host : new String[] {"0.0.0.0", "::"}) {
            CliRunner.Result run = CliRunner.run("serve", "--model", model.toString(), "--data", split.toString(), "--host", host, "--port", "0");
            assertThat(run.exitCode()).as(host).isEqualTo(Main.FAILED);
            assertThat(run.err()).as(host).contains("refusing to listen on " + host).contains("--admin-token").contains("--insecure");
        }
    }

    /** Issue 14, defect 6d: a port in use or out of range is one clear line and exit 2, not "IllegalStateException: STOPPED". */
    @Test
    void startUpFailuresSayWhyInOneLine() throws IOException {
        Path split = dir.resolve("split");
        Dataset data = ServeFixture.writeSplit(split);
        Path model = ServeFixture.saveModel(data, dir.resolve("m.unkd"), 4, 1);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRunner.Result inUse = CliRunner.run("serve", "--model", model.toString(), "--data", split.toString(), "--port", Integer.toString(port));
            assertThat(inUse.exitCode()).isEqualTo(Main.FAILED);
            assertThat(inUse.err()).contains("unkd: error: cannot listen on 127.0.0.1:" + port + ": Address already in use")
                    .doesNotContain("STOPPED").doesNotContain("\tat ");
        }
        CliRunner.Result badPort = CliRunner.run("serve", "--model", model.toString(), "--data", split.toString(), "--port", "70000");
        assertThat(badPort.exitCode()).isEqualTo(Main.FAILED);
        assertThat(badPort.err()).contains("Invalid --port: 70000").doesNotContain("\tat ");
    }
}
