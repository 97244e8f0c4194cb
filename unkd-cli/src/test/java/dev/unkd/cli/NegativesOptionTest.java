package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --negatives}: recorded in the model's provenance only when not uniform; a bad value is a usage error. */
class NegativesOptionTest {
    @TempDir
    Path dir;

    @Test
    void popularNegativesTrainAnotherModelAndSaySoInItsProvenance() throws IOException {
        Path split = TinySplit.create(dir);
        Path plain = TinySplit.teacher(dir, split, "plain");
        Path uniform = TinySplit.teacher(dir, split, "uniform", "--negatives", "uniform");
        Path popular = TinySplit.teacher(dir, split, "popular", "--negatives", "popularity:0.5");
        assertThat(ModelFile.load(popular).provenance()).containsEntry("negatives", "popularity:0.5");
        assertThat(ModelFile.load(plain).provenance()).doesNotContainKey("negatives");
        assertThat(Files.readAllBytes(uniform)).isEqualTo(Files.readAllBytes(plain));
        assertThat(Files.readAllBytes(popular)).isNotEqualTo(Files.readAllBytes(plain));
        CliRunner.Result bad = CliRunner.run("train", "--data", split.toString(), "--negatives", "popular", "--out", dir.resolve("x.unkd").toString());
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("Invalid negative sampling: 'popular'");
    }
}
