package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training options that change how pairs or negatives are drawn: recorded in the model's provenance
 * only when not the default (so default runs keep their bytes); a bad value is a usage error
 * (exit 1, as every bad option value).
 */
class TrainingOptionProvenanceTest {
    @TempDir
    Path dir;

    /** Trains with the option at its default spelled out and at another value, and checks provenance, bytes and a bad value. */
    private void recordedOnlyWhenNotTheDefault(String option, String defaultValue, String other, String key, String bad, String error)
            throws IOException {
        Path split = TinySplit.create(dir);
        Path plain = TinySplit.teacher(dir, split, "plain");
        Path spelledOut = TinySplit.teacher(dir, split, "default", option, defaultValue);
        Path changed = TinySplit.teacher(dir, split, "other", option, other);
        assertThat(ModelFile.load(changed).provenance()).containsEntry(key, other);
        assertThat(ModelFile.load(plain).provenance()).doesNotContainKey(key);
        assertThat(Files.readAllBytes(spelledOut)).isEqualTo(Files.readAllBytes(plain)); // the default, spelled out: the same bytes
        assertThat(Files.readAllBytes(changed)).isNotEqualTo(Files.readAllBytes(plain));
        CliRunner.Result r = CliRunner.run("train", "--data", split.toString(), option, bad, "--out", dir.resolve("x.unkd").toString());
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains(error);
    }

    @Test
    void userSamplingTrainsAnotherModelAndSaysSoInItsProvenance() throws IOException {
        recordedOnlyWhenNotTheDefault("--sampling", "interactions", "users", "sampling", "user",
                "Invalid pair sampling: 'user' (expected interactions or users)");
    }

    @Test
    void popularNegativesTrainAnotherModelAndSaySoInItsProvenance() throws IOException {
        recordedOnlyWhenNotTheDefault("--negatives", "uniform", "popularity:0.5", "negatives", "popular",
                "Invalid negative sampling: 'popular'");
    }
}
