package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unkd data split --protocol kds} and {@code --averaging all-users} on evaluate and train. */
class KdsProtocolCommandTest {
    @TempDir
    Path dir;

    /**
     * 60 users: the even ones with 10 items (split 8/1/1), the odd ones with 5 (4/0/1: no
     * validation item), items listed in a fixed order per user.
     */
    private Path pairFile() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            int n = u % 2 == 0 ? 10 : 5;
            for (int k = 0; k < n; k++) {
                lines.add("user" + u + "\titem" + ((u % 4) + 4 * ((u * 7 + k * 3) % 10)));
            }
        }
        return Files.write(dir.resolve("pairs.tsv"), lines);
    }

    private CliRunner.Result split(String protocol, String seed, Path out) throws IOException {
        return CliRunner.run("data", "split", "--data", pairFile().toString(), "--format", "pairs", "--protocol", protocol, "--seed", seed,
                "--out", out.toString(), "-q");
    }

    private static Map<String, Integer> perUser(Path file) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            counts.merge(line.split("\t")[0], 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void splitRoundTripCutsEveryUserEightOneOne() throws IOException {
        Path a = dir.resolve("a");
        CliRunner.Result r = split("kds", "3", a);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, Integer> train = perUser(a.resolve("train.txt"));
        Map<String, Integer> valid = perUser(a.resolve("valid.txt"));
        Map<String, Integer> test = perUser(a.resolve("test.txt"));
        for (int u = 0; u < 60; u++) {
            String user = "user" + u;
            boolean ten = u % 2 == 0;
            assertThat(train.get(user)).as(user).isEqualTo(ten ? 8 : 4);
            assertThat(valid.getOrDefault(user, 0)).as(user).isEqualTo(ten ? 1 : 0);
            assertThat(test.get(user)).as(user).isEqualTo(1);
        }
        // the three files hold every input pair exactly once
        Set<String> all = new HashSet<>();
        int lines = 0;
        for (String part : new String[] {"train.txt", "valid.txt", "test.txt"}) {
            List<String> l = Files.readAllLines(a.resolve(part));
            lines += l.size();
            all.addAll(l);
        }
        assertThat(lines).isEqualTo(all.size()).isEqualTo(new HashSet<>(Files.readAllLines(pairFile())).size());

        Path again = dir.resolve("again");
        split("kds", "3", again);
        Path other = dir.resolve("other");
        split("kds", "4", other);
        assertThat(Files.readAllLines(again.resolve("test.txt"))).isEqualTo(Files.readAllLines(a.resolve("test.txt")));
        assertThat(Files.readAllLines(other.resolve("test.txt"))).isNotEqualTo(Files.readAllLines(a.resolve("test.txt")));
    }

    @Test
    void fileOrderTestsEachUserOnTheLastListedItem() throws IOException {
        Path f = dir.resolve("f");
        assertThat(split("kds:order=file", "3", f).exitCode()).isZero();
        List<String> expected = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            int last = (u % 2 == 0 ? 10 : 5) - 1;
            expected.add("user" + u + "\titem" + ((u % 4) + 4 * ((u * 7 + last * 3) % 10)));
        }
        assertThat(Files.readAllLines(f.resolve("test.txt"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void badSplitParametersAreClearErrors() throws IOException {
        CliRunner.Result r = split("kds:ratios=8/1", "3", dir.resolve("x"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid ratios '8/1' in split 'kds:ratios=8/1' (expected TRAIN/VALID/TEST such as 8/1/1)");
        CliRunner.Result w = split("kds:ratios=0/1/1", "3", dir.resolve("y"));
        assertThat(w.exitCode()).isEqualTo(2);
        assertThat(w.err()).contains("Invalid split ratios 0/1/1");
    }

    @Test
    void allUsersAveragingCountsUsersWithoutHeldOutItemsAsZeroAndSaysSo() throws IOException {
        Path split = dir.resolve("split");
        assertThat(split("kds", "3", split).exitCode()).isZero();
        Path model = dir.resolve("m.unkd");
        Path trained = dir.resolve("t.json");
        CliRunner.Result t = CliRunner.run("train", "--data", split.toString(), "--dim", "8", "--epochs", "4", "--eval-every", "2",
                "--averaging", "all-users", "--out", model.toString(), "--json", trained.toString(), "-q", "--threads", "2");
        assertThat(t.exitCode()).as(t.err()).isZero();
        JsonNode train = new ObjectMapper().readTree(trained.toFile());
        assertThat(train.get("averaging").asText()).isEqualTo("all-users");
        assertThat(train.get("valid").get("users").asDouble()).isEqualTo(30);
        assertThat(train.get("valid").get("averagedUsers").asDouble()).isEqualTo(60);

        Path held = dir.resolve("held.json");
        Path all = dir.resolve("all.json");
        assertThat(CliRunner.run("evaluate", "--model", model.toString(), "--data", split.toString(), "--json", held.toString(), "-q")
                .exitCode()).isZero();
        CliRunner.Result e = CliRunner.run("evaluate", "--model", model.toString(), "--data", split.toString(), "--json", all.toString(),
                "--averaging", "all-users");
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.out()).contains("accuracy averaged over all 60 users (60 with held-out items; the others count as 0)");
        JsonNode h = new ObjectMapper().readTree(held.toFile());
        JsonNode a = new ObjectMapper().readTree(all.toFile());
        assertThat(h.has("averaging")).isFalse();
        assertThat(h.get("valid").has("averagedUsers")).isFalse();
        // validation: 30 of the 60 users have an item, so every accuracy mean is halved; lists are the same
        for (String key : new String[] {"recall@10", "ndcg@20", "precision@10", "hit@20", "mrr@10", "ipsRecall@20"}) {
            assertThat(a.get("valid").get(key).asDouble()).as(key).isCloseTo(h.get("valid").get(key).asDouble() / 2, within(1e-12));
        }
        assertThat(a.get("valid").get("coverage@20").asDouble()).isEqualTo(h.get("valid").get("coverage@20").asDouble());
        // every user has a test item: the test metrics do not change
        assertThat(a.get("test").get("ndcg@20").asDouble()).isEqualTo(h.get("test").get("ndcg@20").asDouble());
        assertThat(a.get("test").get("averagedUsers").asDouble()).isEqualTo(60);
    }

    @Test
    void badAveragingIsAUsageErrorAndSampledProtocolRefusesIt() throws IOException {
        Path split = dir.resolve("split");
        assertThat(split("kds", "3", split).exitCode()).isZero();
        CliRunner.Result u = CliRunner.run("train", "--data", split.toString(), "--averaging", "everyone", "-q");
        assertThat(u.exitCode()).isEqualTo(1);
        assertThat(u.err()).contains("Invalid user averaging 'everyone' (expected held-out-users or all-users)");
        Path model = dir.resolve("m.unkd");
        assertThat(CliRunner.run("train", "--data", split.toString(), "--dim", "4", "--epochs", "1", "--out", model.toString(), "-q")
                .exitCode()).isZero();
        CliRunner.Result s = CliRunner.run("evaluate", "--model", model.toString(), "--data", split.toString(), "--sampled", "10",
                "--averaging", "all-users", "-q");
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.err()).contains("Averaging over all users needs full ranking");
    }
}
