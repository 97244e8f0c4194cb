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

/** unkd distill --method rrd | de | fitnet | dcd, and what they refuse. */
class NewDistillersCommandTest {
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
    void eachNewMethodTrainsAStudentAndRecordsItsParameters() throws IOException {
        Path teacher = teacher();
        String[][] runs = {
            {"--method", "rrd", "--rrd-t", "12", "--rrd-k", "4", "--rrd-l", "5", "--no-rrd-sample"},
            {"--method", "de", "--experts", "2", "--kd-weight", "0.01"},
            {"--method", "fitnet", "--fitnet-bias", "--kd-weight", "0.01"},
            {"--method", "dcd", "--dcd-t", "10", "--dcd-k", "3", "--dcd-refresh", "2"},
        };
        for (String[] run : runs) {
            Path json = dir.resolve(run[1] + ".json");
            List<String> args = new ArrayList<>(List.of("distill", "--data", split.toString(), "--teacher", teacher.toString(), "--dim", "4",
                    "--epochs", "3", "--eval-every", "3", "--threads", "2", "--json", json.toString(), "--out",
                    dir.resolve(run[1] + ".unkd").toString()));
            args.addAll(List.of(run));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", run) + "\n" + r.err()).isZero();
            assertThat(r.err()).as("no shared flag is reported as ignored").doesNotContain("ignored with --method");
            JsonNode metrics = new ObjectMapper().readTree(json.toFile());
            assertThat(metrics.get("method").asText()).isEqualTo(run[1]);
            JsonNode params = metrics.get("params");
            switch (run[1]) {
                case "rrd" -> {
                    assertThat(params.get("topT").asInt()).isEqualTo(12);
                    assertThat(params.get("sampleInteresting").asBoolean()).isFalse();
                }
                case "de" -> assertThat(params.get("experts").asInt()).isEqualTo(2);
                case "fitnet" -> assertThat(params.get("bias").asBoolean()).isTrue();
                default -> {
                    assertThat(params.get("samples").asInt()).isEqualTo(3);
                    assertThat(params.get("refreshEvery").asInt()).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void aTeacherTheMethodCannotUseOrABadShapeIsAClearErrorWithExitCode2() throws IOException {
        Path scores = dir.resolve("scores.tsv");
        Files.write(scores, List.of("user0\titem1\t0.5", "user1\titem2\t0.3"));
        for (String method : new String[] {"fitnet", "de"}) {
            CliRunner.Result r = CliRunner.run("distill", "--data", split.toString(), "--teacher-scores", scores.toString(), "--method",
                    method, "--epochs", "1", "-q");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains(method + " needs the teacher's user and item embeddings").contains("has scores only");
        }
        CliRunner.Result bad = CliRunner.run("distill", "--data", split.toString(), "--teacher", teacher().toString(), "--method", "dcd",
                "--dcd-t", "5", "--dcd-k", "6", "--epochs", "1", "-q");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid samples: 6 (DCD samples per list, must be in 1..5 = topT)");
        CliRunner.Result zero = CliRunner.run("distill", "--data", split.toString(), "--teacher", teacher().toString(), "--method", "fitnet",
                "--dim", "0", "--epochs", "1", "-q");
        assertThat(zero.exitCode()).as(zero.err()).isNotZero();
        assertThat(zero.err()).contains("--dim");
    }
}
