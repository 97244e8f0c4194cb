package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unkd train --checkpoints, then unkd distill --method hetcomp from one or two teachers, and what it refuses. */
class HetcompCommandTest {
    @TempDir
    Path dir;
    private Path split;

    @BeforeEach
    void splitData() throws IOException {
        split = TinySplit.create(dir);
    }

    private Path teacher(String name, String... extra) {
        return TinySplit.teacher(dir, split, name, extra);
    }

    private CliRunner.Result distill(String... extra) {
        List<String> args = new ArrayList<>(List.of("distill", "--data", split.toString(), "--method", "hetcomp", "--dim", "4", "--epochs", "4",
                "--eval-every", "2", "--threads", "2", "--hetcomp-k", "10", "--hetcomp-observed", "3", "--hetcomp-p", "1", "-q"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void trainWritesCheckpointsAndHetcompDistilsFromOneOrTwoTeachers() throws IOException {
        Path mf = teacher("mf", "--checkpoints", "1,2");
        assertThat(dir.resolve("mf.checkpoints").resolve("epoch-1.unkd")).isRegularFile();
        assertThat(dir.resolve("mf.checkpoints").resolve("epoch-2.unkd")).isRegularFile();
        Path gcnDir = dir.resolve("gcn-trajectory");
        Path gcn = teacher("gcn", "--model", "lightgcn", "--layers", "1", "--checkpoint-every", "2", "--checkpoint-dir", gcnDir.toString());
        assertThat(gcnDir.resolve("epoch-2.unkd")).isRegularFile();

        Path json = dir.resolve("one.json");
        CliRunner.Result one = distill("--teacher", mf.toString(), "--json", json.toString(), "--out", dir.resolve("one.unkd").toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(json.toFile());
        assertThat(metrics.get("method").asText()).isEqualTo("hetcomp");
        assertThat(metrics.get("params").get("topK").asInt()).isEqualTo(10);
        assertThat(metrics.get("teacher").asText()).contains("mf.checkpoints");

        Path json2 = dir.resolve("two.json");
        CliRunner.Result two = distill("--teacher", mf.toString(), "--teacher", gcn.toString(), "--hetcomp-checkpoints",
                dir.resolve("mf.checkpoints") + "," + gcnDir, "--json", json2.toString());
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(new ObjectMapper().readTree(json2.toFile()).get("teacher").asText()).startsWith("ensemble of").contains("gcn-trajectory");
    }

    @Test
    void missingCheckpointsAndTeachersWithoutTrajectoryAreClearErrorsWithExitCode2() throws IOException {
        Path plain = teacher("plain");
        CliRunner.Result missing = distill("--teacher", plain.toString());
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(2);
        assertThat(missing.err()).contains("no checkpoint directory").contains("plain.checkpoints").contains("--checkpoints");

        Path scores = dir.resolve("scores.tsv");
        Files.write(scores, List.of("user0\titem1\t0.5", "user1\titem2\t0.3"));
        CliRunner.Result score = distill("--teacher-scores", scores.toString());
        assertThat(score.exitCode()).as(score.err()).isEqualTo(2);
        assertThat(score.err()).contains("a score file has no trajectory");

        CliRunner.Result twoForRd = CliRunner.run("distill", "--data", split.toString(), "--teacher", plain.toString(), "--teacher",
                plain.toString(), "--method", "rd", "--epochs", "1", "-q");
        assertThat(twoForRd.exitCode()).isEqualTo(2);
        assertThat(twoForRd.err()).contains("work with --method hetcomp only");

        CliRunner.Result noOut = CliRunner.run("train", "--data", split.toString(), "--epochs", "1", "--checkpoints", "1", "-q");
        assertThat(noOut.exitCode()).isEqualTo(1);
        assertThat(noOut.err()).contains("checkpoints need --out");
        CliRunner.Result late = CliRunner.run("train", "--data", split.toString(), "--epochs", "3", "--checkpoints", "2,5", "--out",
                dir.resolve("late.unkd").toString(), "-q");
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.err()).contains("'--checkpoints': 5 (epochs count from 1 to --epochs, 3)");
    }
}
