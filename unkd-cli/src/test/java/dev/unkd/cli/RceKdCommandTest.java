package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unkd distill --method rce-kd: its options in the help, a student on tiny data, and what it refuses (exit code 2). */
class RceKdCommandTest {
    @TempDir
    Path dir;
    private Path split;

    @BeforeEach
    void splitData() throws IOException {
        split = TinySplit.create(dir);
    }

    private Path teacher() {
        return TinySplit.teacher(dir, split);
    }

    @Test
    void helpListsTheRceKdOptions() {
        CliRunner.Result r = CliRunner.run("distill", "--help");
        assertThat(r.exitCode()).isZero();
        String section = r.out().substring(r.out().indexOf("RCE-KD options: "));
        assertThat(section).contains("--rce-k=<topK>", "--rce-l=<samples>", "--rce-depth=<studentDepth>", "--rce-tau=<temperature>",
                "--rce-beta=<beta>", "--rce-refresh=<refreshEvery>", "--[no-]rce-mask-train", "(default: 50)", "(default: 200)");
        assertThat(r.out()).contains("rce-kd: sampleTemperature=10.0, countCap=50");
    }

    @Test
    void trainsAStudentAndRecordsItsParameters() throws IOException {
        Path json = dir.resolve("rce.json");
        CliRunner.Result r = CliRunner.run("distill", "--data", split.toString(), "--teacher", teacher().toString(), "--method", "rce-kd",
                "--rce-k", "5", "--rce-l", "4", "--rce-depth", "12", "--rce-refresh", "2", "--rce-mask-train", "--kd-weight", "5",
                "--dim", "4", "--epochs", "3", "--eval-every", "3", "--threads", "2", "--json", json.toString(), "--out",
                dir.resolve("rce.unkd").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("ignored with --method");
        JsonNode metrics = new ObjectMapper().readTree(json.toFile());
        assertThat(metrics.get("method").asText()).isEqualTo("rce-kd");
        JsonNode params = metrics.get("params");
        assertThat(params.get("topK").asInt()).isEqualTo(5);
        assertThat(params.get("samples").asInt()).isEqualTo(4);
        assertThat(params.get("studentDepth").asInt()).isEqualTo(12);
        assertThat(params.get("refreshEvery").asInt()).isEqualTo(2);
        assertThat(params.get("excludeTrain").asBoolean()).isTrue();
        assertThat(params.get("kdWeight").asDouble()).isEqualTo(5.0);
        assertThat(params.get("beta").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aScoreFileTeacherOrImpossibleSizesAreClearErrorsWithExitCode2() throws IOException {
        Path scores = dir.resolve("scores.tsv");
        Files.write(scores, List.of("user0\titem1\t0.5", "user1\titem2\t0.3"));
        CliRunner.Result listed = CliRunner.run("distill", "--data", split.toString(), "--teacher-scores", scores.toString(), "--method",
                "rce-kd", "--rce-k", "5", "--rce-l", "4", "--rce-depth", "20", "--epochs", "1", "-q");
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(2);
        assertThat(listed.err()).contains("rce-kd needs the teacher's score of every user-item pair", "scores 2 of",
                "give a model file (--teacher)");
        Path teacher = teacher();
        CliRunner.Result deep = CliRunner.run("distill", "--data", split.toString(), "--teacher", teacher.toString(), "--method", "rce-kd",
                "--epochs", "1", "-q");
        assertThat(deep.exitCode()).as(deep.err()).isEqualTo(2);
        assertThat(deep.err()).contains("Invalid studentDepth: 200 (RCE-KD student list depth, must be <= 40");
        CliRunner.Result many = CliRunner.run("distill", "--data", split.toString(), "--teacher", teacher.toString(), "--method", "rce-kd",
                "--rce-k", "5", "--rce-l", "30", "--rce-depth", "20", "--epochs", "1", "-q");
        assertThat(many.exitCode()).isEqualTo(2);
        assertThat(many.err()).contains("Invalid samples: 30 (RCE-KD closure samples per user, must be in 0..20 = studentDepth)");
        CliRunner.Result shallow = CliRunner.run("distill", "--data", split.toString(), "--teacher", teacher.toString(), "--method", "rce-kd",
                "--rce-k", "30", "--rce-l", "4", "--rce-depth", "20", "--epochs", "1", "-q");
        assertThat(shallow.exitCode()).isEqualTo(2);
        assertThat(shallow.err()).contains("Invalid studentDepth: 20 (RCE-KD student list depth, must be >= 30 = topK");
    }
}
