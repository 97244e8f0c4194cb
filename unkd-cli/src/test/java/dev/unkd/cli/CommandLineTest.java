package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    /** A small clustered dataset as a pair file: 60 users with 10 items each out of 40. */
    private Path pairFile() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            for (int k = 0; k < 10; k++) {
                lines.add("user" + u + "\titem" + ((u % 4) + 4 * ((u * 7 + k * 3) % 10)));
            }
        }
        Path file = dir.resolve("pairs.tsv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void splitTrainAndEvaluateRoundTrip() throws IOException {
        Path split = dir.resolve("split");
        CliRunner.Result s = CliRunner.run("data", "split", "--data", pairFile().toString(), "--format", "pairs", "--seed", "3",
                "--out", split.toString(), "-q");
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(split.resolve("train.txt")).exists();
        assertThat(Files.readAllLines(split.resolve("train.txt"))).hasSize(60 * 8);

        Path model = dir.resolve("m.unkd");
        Path json = dir.resolve("m.json");
        CliRunner.Result t = CliRunner.run("train", "--data", split.toString(), "--dim", "8", "--epochs", "10", "--eval-every", "2",
                "--out", model.toString(), "--json", json.toString(), "-q", "--threads", "2");
        assertThat(t.exitCode()).as(t.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(json.toFile());
        assertThat(metrics.get("test").get("recall@10").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.get("test").get("groupShare@20")).hasSize(4); // the default 4 report groups
        assertThat(metrics.get("bestEpoch").asInt()).isBetween(2, 10);
        assertThat(metrics.get("epochsRun").asInt()).isEqualTo(10);
        // validated at epochs 2, 4, ..., 10; the best epoch is the curve's maximum and holds the reported validation metric
        JsonNode curve = metrics.get("validationCurve");
        assertThat(curve).hasSize(5);
        assertThat(curve.get(0).get("epoch").asInt()).isEqualTo(2);
        JsonNode best = curve.get(metrics.get("bestEpoch").asInt() / 2 - 1);
        assertThat(best.get("value").asDouble()).isEqualTo(metrics.get("valid").get("ndcg@20").asDouble());
        for (JsonNode point : curve) {
            assertThat(point.get("value").asDouble()).isLessThanOrEqualTo(best.get("value").asDouble());
            assertThat(point.get("loss").asDouble()).isPositive();
        }
        for (String key : new String[] {"ndcg@10", "precision@10", "hit@10", "mrr@10", "recall@20", "popularRecall@10",
            "unpopularRecall@10", "arp@20", "coverage@20", "gini@20"}) {
            assertThat(metrics.get("test").has(key)).as(key).isTrue();
        }

        Path eval = dir.resolve("e.json");
        CliRunner.Result e = CliRunner.run("evaluate", "--model", model.toString(), "--data", split.toString(), "--json", eval.toString(), "-q");
        assertThat(e.exitCode()).as(e.err()).isZero();
        // evaluating the saved model reproduces the training run's test metrics exactly
        assertThat(new ObjectMapper().readTree(eval.toFile()).get("test")).isEqualTo(metrics.get("test"));
    }

    @Test
    void badInputGivesExitCodeTwoAndNamesFileAndLine() throws IOException {
        Path bad = dir.resolve("users.dat");
        Files.write(bad, List.of("2 1 2", "3 4 x 6"));
        CliRunner.Result r = CliRunner.run("data", "stats", "--data", bad.toString(), "--format", "citeulike");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(bad.toString() + ":2").contains("'x'");
    }

    @Test
    void missingFileGivesExitCodeTwo() {
        CliRunner.Result r = CliRunner.run("data", "stats", "--data", dir.resolve("nope.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.csv");
    }

    @Test
    void truncatedModelFailsWithoutWritingOutputs() throws IOException {
        Path split = dir.resolve("split");
        CliRunner.run("data", "split", "--data", pairFile().toString(), "--format", "pairs", "--out", split.toString(), "-q");
        Path model = dir.resolve("bad.unkd");
        Files.write(model, new byte[] {'U', 'N', 'K', 'D'});
        Path json = dir.resolve("never.json");
        CliRunner.Result r = CliRunner.run("evaluate", "--model", model.toString(), "--data", split.toString(), "--json", json.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.unkd");
        assertThat(json).doesNotExist();
    }

    @Test
    void usageErrorsGiveExitCodeOne() {
        assertThat(CliRunner.run("train", "--no-such-flag").exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("train", "--dim", "ten").exitCode()).isEqualTo(1);
        assertThat(CliRunner.run().exitCode()).isEqualTo(1);
    }

    @Test
    void invalidHyperParameterIsReported() throws IOException {
        Path split = dir.resolve("split");
        CliRunner.run("data", "split", "--data", pairFile().toString(), "--format", "pairs", "--out", split.toString(), "-q");
        CliRunner.Result r = CliRunner.run("train", "--data", split.toString(), "--lr", "-1", "-q");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid learning rate: -1.0");
        CliRunner.Result m = CliRunner.run("train", "--data", split.toString(), "--model", "svd", "-q");
        assertThat(m.err()).contains("Invalid --model: 'svd'");
    }

    @Test
    void theSameTrainingWritesTheSameBytesTwiceAndOnOneOrTwoThreads() throws IOException {
        Path split = dir.resolve("split");
        CliRunner.run("data", "split", "--data", pairFile().toString(), "--format", "pairs", "--out", split.toString(), "-q");
        List<Path> files = new java.util.ArrayList<>();
        for (String threads : new String[] {"2", "2", "1"}) {
            Path model = dir.resolve("m" + files.size() + ".unkd");
            CliRunner.Result r = CliRunner.run("train", "--data", split.toString(), "--dim", "6", "--epochs", "4", "--eval-every", "2",
                    "--threads", threads, "--out", model.toString(), "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();
            files.add(model);
        }
        assertThat(Files.mismatch(files.get(0), files.get(1))).as("twice").isEqualTo(-1);
        assertThat(Files.mismatch(files.get(0), files.get(2))).as("2 vs 1 threads").isEqualTo(-1);
    }
}
