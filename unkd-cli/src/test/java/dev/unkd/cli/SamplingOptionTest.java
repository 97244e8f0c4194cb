package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sampling}: recorded in the model's provenance only when not the default; a bad value is a usage error (exit 1, as every bad option value). */
class SamplingOptionTest {
    @TempDir
    Path dir;

    @Test
    void userSamplingTrainsAnotherModelAndSaysSoInItsProvenance() throws IOException {
        Path split = TinySplit.create(dir);
        Path plain = TinySplit.teacher(dir, split, "plain");
        Path users = TinySplit.teacher(dir, split, "users", "--sampling", "users");
        Path interactions = TinySplit.teacher(dir, split, "interactions", "--sampling", "interactions");
        assertThat(ModelFile.load(users).provenance()).containsEntry("sampling", "users");
        assertThat(ModelFile.load(plain).provenance()).doesNotContainKey("sampling");
        assertThat(Files.readAllBytes(interactions)).isEqualTo(Files.readAllBytes(plain)); // the default, spelled out: the same bytes
        assertThat(Files.readAllBytes(users)).isNotEqualTo(Files.readAllBytes(plain));
        CliRunner.Result bad = CliRunner.run("train", "--data", split.toString(), "--sampling", "user", "--out", dir.resolve("x.unkd").toString());
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("Invalid pair sampling: 'user' (expected interactions or users)");
    }
}
