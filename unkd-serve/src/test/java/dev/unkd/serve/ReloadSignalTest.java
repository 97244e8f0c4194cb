package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unkd.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadSignalTest {
    @TempDir
    Path dir;

    @Test
    void sighupReReadsTheServedFile() throws Exception {
        Dataset data = ServeFixture.writeSplit(dir.resolve("split"));
        Path served = ServeFixture.saveModel(data, dir.resolve("served.unkd"), 4, 1);
        RecommendationService service = RecommendationService.open(served, data);
        // only signal this JVM once our handler is in place: SIGHUP's default action would end it
        assumeTrue(ReloadSignal.install(service), "SIGHUP handling not available on this JVM");
        String before = service.snapshot().version();
        Path next = ServeFixture.saveModel(data, dir.resolve("next.unkd"), 4, 2);
        Files.move(next, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
        assertThat(kill.waitFor()).isZero();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (service.reloads() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(service.reloads()).isEqualTo(1);
        assertThat(service.snapshot().version()).startsWith("served.unkd@").isNotEqualTo(before);
    }
}
