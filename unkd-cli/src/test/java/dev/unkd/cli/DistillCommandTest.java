package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unkd.distill.DistillationMethods;
import dev.unkd.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unkd distill with DE-RRD and HTD, and unkd train --pd-gamma (the PD teacher of PD-CD and PD-HTD). */
class DistillCommandTest {
    @TempDir
    Path dir;
    private Path split;

    @BeforeEach
    void splitData() throws IOException {
        split = TinySplit.create(dir);
    }

    private Path teacher(String... extra) throws IOException {
        Path model = dir.resolve("teacher" + extra.length + ".unkd");
        List<String> args = new ArrayList<>(List.of("train", "--data", split.toString(), "--dim", "12", "--epochs", "10", "--eval-every", "5",
                "--out", model.toString(), "--json", dir.resolve("teacher.json").toString(), "-q"));
        args.addAll(List.of(extra));
        CliRunner.Result t = CliRunner.run(args.toArray(String[]::new));
        assertThat(t.exitCode()).as(t.err()).isZero();
        return model;
    }

    @Test
    void deRrdAndHtdTrainStudentsAndReportTheirParameters() throws IOException {
        Path teacher = teacher();
        String[][] runs = {
            {"--method", "de-rrd", "--rrd-t", "12", "--rrd-k", "4", "--rrd-l", "5", "--experts", "3", "--de-weight", "0.01"},
            {"--method", "de-rrd", "--rrd-t", "12", "--rrd-k", "4", "--rrd-l", "5", "--de-entities", "BATCH", "--de-activation", "OUTPUT",
                "--rrd-redraw"},
            {"--method", "htd", "--htd-groups", "4", "--htd-alpha", "0.3", "--kd-weight", "0.01", "--htd-prototypes", "ALL_GROUPS"},
        };
        for (String[] run : runs) {
            Path json = dir.resolve("student.json");
            Path model = dir.resolve("student.unkd");
            List<String> args = new ArrayList<>(List.of("distill", "--data", split.toString(), "--teacher", teacher.toString(), "--dim", "4",
                    "--epochs", "4", "--eval-every", "2", "--threads", "2", "--json", json.toString(), "--out", model.toString(), "-q"));
            args.addAll(List.of(run));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", run) + "\n" + r.err()).isZero();
            JsonNode metrics = new ObjectMapper().readTree(json.toFile());
            assertThat(metrics.get("method").asText()).isEqualTo(run[1]);
            assertThat(metrics.get("test").get("recall@10").asDouble()).isBetween(0.0, 1.0);
            JsonNode params = metrics.get("params");
            // every parameter of the method's settings, in sorted key order, in the JSON and in the model file
            List<String> names = new ArrayList<>();
            params.fieldNames().forEachRemaining(names::add);
            List<String> components = java.util.Arrays.stream(DistillationMethods.parse(run[1]).type().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).toList();
            assertThat(names).isSorted().containsExactlyInAnyOrderElementsOf(components);
            Object saved = ModelFile.load(model).provenance().get("params");
            assertThat(saved).isInstanceOf(java.util.Map.class);
            assertThat(new ArrayList<>(((java.util.Map<?, ?>) saved).keySet())).isEqualTo(names);
            assertThat(ModelFile.load(model).provenance()).containsEntry("method", run[1]);
            if (run[1].equals("de-rrd")) {
                assertThat(params.get("topT").asInt()).isEqualTo(12);
                assertThat(params.get("interesting").asInt()).isEqualTo(4);
                assertThat(params.get("lr").asDouble()).as("the experts train with the student's --lr").isEqualTo(0.01);
            } else {
                assertThat(params.get("groups").asInt()).isEqualTo(4);
                assertThat(params.get("alpha").asDouble()).isEqualTo(0.3);
                assertThat(params.get("kdWeight").asDouble()).isEqualTo(0.01);
                assertThat(params.get("prototypeRelations").asText()).isEqualTo("ALL_GROUPS");
            }
        }
    }

    @Test
    void scoreOnlyTeacherIsRefusedForEmbeddingMethods() throws IOException {
        Path scores = dir.resolve("scores.tsv");
        Files.write(scores, List.of("user0\titem1\t0.5", "user1\titem2\t0.3"));
        for (String method : new String[] {"de-rrd", "htd"}) {
            CliRunner.Result r = CliRunner.run("distill", "--data", split.toString(), "--teacher-scores", scores.toString(), "--method",
                    method, "--epochs", "1", "-q");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains(method + " needs the teacher's user and item embeddings").contains("has scores only");
        }
    }

    @Test
    void pdTeacherRecordsGammaAndServesAsAnyTeacher() throws IOException {
        Path pd = teacher("--pd-gamma", "0.2");
        assertThat(ModelFile.load(pd).provenance()).containsEntry("pdGamma", 0.2);
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("teacher.json").toFile());
        assertThat(metrics.get("pdGamma").asDouble()).isEqualTo(0.2);
        // PD-CD: CD from the PD teacher
        CliRunner.Result r = CliRunner.run("distill", "--data", split.toString(), "--teacher", pd.toString(), "--method", "cd", "--dim", "4",
                "--epochs", "2", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRunner.Result bad = CliRunner.run("train", "--data", split.toString(), "--pd-gamma", "-1", "--epochs", "1", "-q");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("Invalid PD gamma");
    }
}
