package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unkd.data.Dataset;
import dev.unkd.data.SplitDirectory;
import dev.unkd.distill.Distiller;
import dev.unkd.distill.PairShardHeader;
import dev.unkd.distill.PairShards;
import dev.unkd.distill.UnbiasedDistiller;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.model.ModelFile;
import dev.unkd.model.SavedModel;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.teacher.Teachers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unkd distill --pairs: a student from pair shards equals the student of the in-process run they were drawn for. */
class DistillPairsCommandTest {
    private static final long SEED = 5;
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;
    private Path split;
    private Path teacher;

    @BeforeEach
    void splitAndTeacher() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            for (int k = 0; k < 10; k++) {
                lines.add("user" + u + "\titem" + ((u % 4) + 4 * ((u * 7 + k * 3) % 10)));
            }
        }
        Path raw = dir.resolve("pairs.tsv");
        Files.write(raw, lines);
        split = dir.resolve("split");
        assertOk(CliRunner.run("data", "split", "--data", raw.toString(), "--format", "pairs", "--seed", "3", "--out", split.toString(), "-q"));
        teacher = dir.resolve("teacher.unkd");
        assertOk(CliRunner.run("train", "--data", split.toString(), "--dim", "12", "--epochs", "6", "--eval-every", "3", "--out",
                teacher.toString(), "-q"));
    }

    private static void assertOk(CliRunner.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private List<String> student(Path out, String... source) {
        List<String> args = new ArrayList<>(List.of("distill", "--data", split.toString(), "--dim", "4", "--epochs", String.valueOf(EPOCHS),
                "--eval-every", "2", "--threads", "2", "--seed", String.valueOf(SEED), "--kd-weight", "0.5", "--out", out.toString(), "--json",
                out + ".json", "-q"));
        args.addAll(List.of(source));
        return args;
    }

    /** The shards unkd spark unkd-pairs writes for this teacher and seed, drawn here with the core's sampler. */
    private Path shards(UnkdConfig config) throws IOException {
        Dataset data = SplitDirectory.read(split);
        ChunkedExecutor executor = new ChunkedExecutor(2);
        UnbiasedDistiller distiller = (UnbiasedDistiller) Distiller.find(config.objectives(Teachers.fromModelFile(teacher, data), data, executor))
                .orElseThrow();
        PairShardHeader header = new PairShardHeader(SEED, 1, EPOCHS, distiller.pairsPerGroup(), config.sampleBudget(),
                config.ratioExponent(), config.temperature(), config.tieRedraw());
        Path out = dir.resolve("shards");
        PairShards.write(out, header, data.users(), data.items(), e -> distiller.redraw(e, Seeds.derive(SEED, 1, e), executor));
        return out;
    }

    @Test
    void studentFromShardsIsBitIdenticalToTheInProcessStudent() throws IOException {
        Path shards = shards(UnkdConfig.defaults().withCandidates(20).withRatioExponent(1));
        Path inProcess = dir.resolve("a.unkd");
        assertOk(CliRunner.run(student(inProcess, "--teacher", teacher.toString(), "--candidates", "20", "--ratio-exponent", "1")
                .toArray(String[]::new)));
        Path fromShards = dir.resolve("b.unkd");
        assertOk(CliRunner.run(student(fromShards, "--pairs", shards.toString()).toArray(String[]::new)));

        SavedModel a = ModelFile.load(inProcess);
        SavedModel b = ModelFile.load(fromShards);
        assertThat(b.table("users").data()).isEqualTo(a.table("users").data());
        assertThat(b.table("items").data()).isEqualTo(a.table("items").data());
        JsonNode ja = new ObjectMapper().readTree(Path.of(inProcess + ".json").toFile());
        JsonNode jb = new ObjectMapper().readTree(Path.of(fromShards + ".json").toFile());
        assertThat(jb.get("test")).isEqualTo(ja.get("test"));
        assertThat(jb.get("params").get("pairsPerGroup")).isEqualTo(new ObjectMapper().valueToTree(
                PairShardHeader.read(shards.resolve(PairShards.HEADER)).pairsPerGroup()));
        assertThat(jb.get("params").get("seed").asLong()).isEqualTo(SEED);

        // the same shards with a different seed still train, but another student
        Path otherSeed = dir.resolve("c.unkd");
        List<String> args = student(otherSeed, "--pairs", shards.toString());
        args.set(args.indexOf(String.valueOf(SEED)), "6");
        assertOk(CliRunner.run(args.toArray(String[]::new)));
        assertThat(ModelFile.load(otherSeed).table("users").data()).isNotEqualTo(a.table("users").data());
    }

    @Test
    void wrongCombinationsAndForeignShardsAreRefusedClearly() throws IOException {
        Path shards = shards(UnkdConfig.defaults().withCandidates(20));
        Path out = dir.resolve("s.unkd");
        String[][] usage = {
            {"--pairs", shards.toString(), "--teacher", teacher.toString()},
            {"--pairs", shards.toString(), "--method", "rd"},
            {"--pairs", shards.toString(), "--samples", "10"},
            {},
        };
        String[] messages = {"give either --pairs or a teacher option, not both", "works with --method unkd only (got rd)",
            "--samples does not apply with --pairs", "Missing teacher"};
        for (int c = 0; c < usage.length; c++) {
            CliRunner.Result r = CliRunner.run(student(out, usage[c]).toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USAGE);
            assertThat(r.err()).contains(messages[c]);
        }
        List<String> items = Files.readAllLines(shards.resolve(PairShards.ITEMS));
        items.set(3, "no-such-item");
        Files.write(shards.resolve(PairShards.ITEMS), items);
        CliRunner.Result r = CliRunner.run(student(out, "--pairs", shards.toString()).toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains(PairShards.ITEMS).contains("item 'no-such-item' (index 3) is not in the data");
        assertThat(out).doesNotExist();
    }
}
