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

/** {@code unkd evaluate} with the popularity-bias options: per-user file, stratified test, IPS gamma, and bad input. */
class EvaluateBiasCommandTest {
    @TempDir
    Path dir;
    private Path split;
    private Path model;

    @BeforeEach
    void trainASmallModel() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            for (int k = 0; k < 10; k++) {
                lines.add("user" + u + "\titem" + ((u % 4) + 4 * ((u * 7 + k * 3) % 10)));
            }
        }
        Path pairs = dir.resolve("pairs.tsv");
        Files.write(pairs, lines);
        split = dir.resolve("split");
        ok("data", "split", "--data", pairs.toString(), "--format", "pairs", "--seed", "3", "--out", split.toString(), "-q");
        model = dir.resolve("m.unkd");
        ok("train", "--data", split.toString(), "--dim", "8", "--epochs", "4", "--eval-every", "2", "--out", model.toString(), "-q",
                "--threads", "2");
    }

    private static void ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    }

    @Test
    void writesPerUserValuesAndTheStratifiedTest() throws IOException {
        Path json = dir.resolve("e.json");
        Path users = dir.resolve("users.csv");
        ok("evaluate", "--model", model.toString(), "--data", split.toString(), "--json", json.toString(), "--per-user", users.toString(),
                "--stratified-test", "--ips-gamma", "1", "-q");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode test = root.get("test");
        for (String key : List.of("aplt@10", "popRsp@10", "popReo@20", "popLift@20", "miscalibration@20", "ipsRecall@20", "ipsNdcg@10")) {
            assertThat(test.has(key)).as(key).isTrue();
        }
        assertThat(root.get("testStratified").get("users").asInt()).isBetween(1, test.get("users").asInt());
        List<String> lines = Files.readAllLines(users);
        assertThat(lines.get(0)).startsWith("user,recall@10,precision@10,ndcg@10").contains(",popLift@20,", ",ipsRecall@20,");
        assertThat(lines).hasSize(test.get("users").asInt() + 1);
        assertThat(lines.get(1)).startsWith("user");
        // the mean of the per-user recall is the reported one
        int col = List.of(lines.get(0).split(",")).indexOf("recall@20");
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            sum += Double.parseDouble(line.split(",", -1)[col]);
        }
        assertThat(sum / (lines.size() - 1)).isCloseTo(test.get("recall@20").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void badOptionsFailWithExitCodeTwoAndWriteNothing() {
        Path json = dir.resolve("bad.json");
        Path users = dir.resolve("bad.csv");
        String[][] cases = {
            {"--ips-gamma", "-0.5"},
            {"--groups", "1000"},
            {"--per-user", dir.resolve("missing/users.csv").toString()},
        };
        String[] messages = {"Invalid IPS gamma: -0.5", "more report groups (1000) than items with training interactions",
            "does not exist"};
        for (int c = 0; c < cases.length; c++) {
            List<String> args = new ArrayList<>(List.of("evaluate", "--model", model.toString(), "--data", split.toString(), "--json",
                    json.toString(), "-q"));
            args.addAll(List.of(cases[c]));
            if (c < 2) {
                args.addAll(List.of("--per-user", users.toString()));
            }
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains(messages[c]);
            assertThat(json).doesNotExist();
            assertThat(users).doesNotExist();
        }
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void anEmptyLongTailIsAnError() throws IOException {
        // item "hot" holds 12 of the 16 training interactions: the K = 2 split closes "hot" alone and merges the
        // leftover (mass 4, not above half the target of 8) into it, so there is one group and no long tail
        Path skewed = dir.resolve("skewed");
        Files.createDirectories(skewed);
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int u = 0; u < 12; u++) {
            train.add("u" + u + "\thot");
            test.add("u" + u + "\tcold" + ((u + 1) % 4));
        }
        for (int c = 0; c < 4; c++) {
            train.add("u" + c + "\tcold" + c);
        }
        Files.write(skewed.resolve("train.txt"), train);
        Files.write(skewed.resolve("test.txt"), test);
        Path out = dir.resolve("skewed.unkd");
        CliRunner.Result r = CliRunner.run("train", "--data", skewed.toString(), "--dim", "4", "--epochs", "2", "--out", out.toString(), "-q");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the long tail is empty");
        assertThat(out).doesNotExist();
    }
}
