package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the whole JSON written by {@code unkd train}, {@code unkd distill} and {@code unkd evaluate}
 * on a small split: every key, its order and its value (timings masked). Recorded from the code
 * before metrics became types; {@code -Dunkd.writeGolden=true} re-records after an intended change.
 */
class MetricsJsonGoldenTest {
    @TempDir
    Path dir;

    @Test
    void trainDistillAndEvaluateWriteTheRecordedJson() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            for (int k = 0; k < 10; k++) {
                lines.add("user" + u + "\titem" + ((u % 4) + 4 * ((u * 7 + k * 3) % 10)));
            }
        }
        Path pairs = dir.resolve("pairs.tsv");
        Files.write(pairs, lines);
        Path split = dir.resolve("split");
        run("data", "split", "--data", pairs.toString(), "--format", "pairs", "--seed", "3", "--out", split.toString(), "-q");
        Path teacher = dir.resolve("t.unkd");
        Path train = dir.resolve("train.json");
        run("train", "--data", split.toString(), "--dim", "8", "--epochs", "10", "--eval-every", "2", "--out", teacher.toString(),
                "--json", train.toString(), "-q", "--threads", "2");
        Path distill = dir.resolve("distill.json");
        run("distill", "--data", split.toString(), "--teacher", teacher.toString(), "--method", "unkd", "--groups", "2", "--dim", "4",
                "--epochs", "4", "--eval-every", "2", "--threads", "2", "--json", distill.toString(), "-q");
        Path evaluate = dir.resolve("evaluate.json");
        run("evaluate", "--model", teacher.toString(), "--data", split.toString(), "--k", "5,10,20", "--groups", "3", "--json",
                evaluate.toString(), "-q");
        Path sampled = dir.resolve("sampled.json");
        run("evaluate", "--model", teacher.toString(), "--data", split.toString(), "--sampled", "9", "--k", "1,3", "--json", sampled.toString(), "-q");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("train", train);
        files.put("distill", distill);
        files.put("evaluate", evaluate);
        files.put("sampled", sampled);
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            String name = "golden-" + e.getKey() + ".json";
            actual.put(name, masked(e.getValue()).replace(dir.toString(), "DIR"));
            if (Boolean.getBoolean("unkd.writeGolden")) {
                Files.writeString(Path.of("src/test/resources/dev/unkd/cli", name), actual.get(name));
            }
            expected.put(name, golden(name));
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static void run(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    }

    /** The file as written, with wall-clock values replaced by 0 (keys and order unchanged; the caller masks paths). */
    private static String masked(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(file.toFile());
        mask(root);
        return MetricsJson.JSON.writeValueAsString(root) + "\n";
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> names = o.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (name.toLowerCase(java.util.Locale.ROOT).contains("seconds")) {
                    o.put(name, 0);
                } else {
                    mask(o.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(MetricsJsonGoldenTest::mask);
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = MetricsJsonGoldenTest.class.getResourceAsStream(name)) {
            return in == null ? "(missing " + name + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
