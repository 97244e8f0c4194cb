package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 ("data, models and command line"): one test per defect, through the command line. */
class HardeningCommandTest {
    @TempDir
    Path dir;

    /** 60 users x 10 of 40 items; item 0 is "caf\u00e9" and item 1 "caf\u00e8", written in {@code charset}. */
    private Path pairFile(java.nio.charset.Charset charset) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 60; u++) {
            for (int k = 0; k < 10; k++) {
                int item = (u % 4) + 4 * ((u * 7 + k * 3) % 10);
                sb.append("user").append(u).append('\t').append(item == 0 ? "caf\u00e9" : item == 1 ? "caf\u00e8" : "item" + item).append('\n');
            }
        }
        Path file = dir.resolve("pairs-" + charset.name() + ".tsv");
        Files.write(file, sb.toString().getBytes(charset));
        return file;
    }

    /** The same interactions with numeric ids, which every split orders the same way (so two splits share their id maps). */
    private Path numericPairFile() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 60; u++) {
            for (int k = 0; k < 10; k++) {
                sb.append(u + 1).append('\t').append(101 + (u % 4) + 4 * ((u * 7 + k * 3) % 10)).append('\n');
            }
        }
        return Files.writeString(dir.resolve("pairs-numeric.tsv"), sb.toString());
    }

    private Path split(String name, int seed) throws IOException {
        Path out = dir.resolve(name);
        CliRunner.Result s = CliRunner.run("data", "split", "--data", numericPairFile().toString(), "--format", "pairs",
                "--seed", Integer.toString(seed), "--out", out.toString(), "-q");
        assertThat(s.exitCode()).as(s.err()).isZero();
        return out;
    }

    private Path train(Path split, Path model) {
        CliRunner.Result t = CliRunner.run("train", "--data", split.toString(), "--dim", "4", "--epochs", "2", "--eval-every", "1",
                "--out", model.toString(), "-q", "--threads", "1");
        assertThat(t.exitCode()).as(t.err()).isZero();
        return model;
    }

    @Test
    void latin1DataFailsNamingFileLineAndOffsetUnlessItsCharsetIsGiven() throws IOException {
        Path latin1 = pairFile(StandardCharsets.ISO_8859_1);
        Path out = dir.resolve("split");
        CliRunner.Result bad = CliRunner.run("data", "split", "--data", latin1.toString(), "--format", "pairs", "--out", out.toString(), "-q");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("unkd: error: " + latin1 + ":").contains(": invalid UTF-8 (byte 0xE").contains("at byte offset ");
        CliRunner.Result good = CliRunner.run("data", "split", "--data", latin1.toString(), "--format", "pairs", "--charset", "ISO-8859-1",
                "--out", out.toString(), "-q");
        assertThat(good.exitCode()).as(good.err()).isZero();
        String all = Files.readString(out.resolve("train.txt")) + Files.readString(out.resolve("valid.txt"))
                + Files.readString(out.resolve("test.txt")); // written as UTF-8
        assertThat(all).contains("\tcaf\u00e9\n").contains("\tcaf\u00e8\n");
    }

    @Test
    void aNonUtf8ExperimentConfigAndADirectoryAsUsersNameTheirPath() throws IOException {
        Path config = dir.resolve("exp.yaml");
        Files.write(config, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRunner.Result exp = CliRunner.run("experiment", "--config", config.toString(), "--dry-run");
        assertThat(exp.exitCode()).isEqualTo(2);
        assertThat(exp.err()).startsWith("unkd: error: " + config + ":1: invalid UTF-8 (byte 0xE9) at byte offset 9");

        Path split = split("split", 3);
        Path model = train(split, dir.resolve("m.unkd"));
        CliRunner.Result rec = CliRunner.run("recommend", "--data", split.toString(), "--model", model.toString(), "--users", dir.toString(),
                "--out", dir.resolve("r.csv").toString(), "-q");
        assertThat(rec.exitCode()).isEqualTo(2);
        assertThat(rec.err()).isEqualTo("unkd: error: --users " + dir + ": is a directory, expected a file of user ids\n");
        CliRunner.Result modelDir = CliRunner.run("evaluate", "--data", split.toString(), "--model", dir.toString(), "-q");
        assertThat(modelDir.exitCode()).isEqualTo(2);
        assertThat(modelDir.err()).isEqualTo("unkd: error: " + dir + ": is a directory, expected a model file\n");
    }

    @Test
    void aDivergingTrainingExitsTwoNamingTheEpochAndWritesNoModel() throws IOException {
        Path split = split("split", 3);
        Path model = dir.resolve("m.unkd");
        CliRunner.Result t = CliRunner.run("train", "--data", split.toString(), "--dim", "4", "--epochs", "5", "--lr", "1e30",
                "--out", model.toString(), "-q", "--threads", "1");
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err()).matches("(?s)unkd: error: training diverged at epoch \\d+: the (loss became (NaN|Infinity)|parameters became non-finite.*)"
                + " \\(try a lower learning rate\\)\n");
        assertThat(model).doesNotExist();
    }

    @Test
    void anMfModelOnAnotherSplitOfItsIdsIsRefusedUnlessAllowed() throws IOException {
        Path a = split("a", 3);
        Path b = split("b", 4);
        Path model = train(a, dir.resolve("m.unkd"));
        for (String command : List.of("evaluate", "export", "distill")) {
            List<String> args = new ArrayList<>(List.of(command, "--data", b.toString(), "-q", "--threads", "1"));
            switch (command) {
                case "evaluate" -> args.addAll(List.of("--model", model.toString()));
                case "export" -> args.addAll(List.of("--model", model.toString(), "--out", dir.resolve("export").toString()));
                default -> args.addAll(List.of("--teacher", model.toString(), "--method", "none", "--epochs", "1", "--dim", "2"));
            }
            CliRunner.Result refused = CliRunner.run(args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(command + ": " + refused.err()).isEqualTo(2);
            assertThat(refused.err()).as(command).startsWith("unkd: error: " + model + ": model was trained on another split of these ids")
                    .contains("use the split it was trained on");
            args.add("--allow-other-split");
            CliRunner.Result allowed = CliRunner.run(args.toArray(String[]::new));
            assertThat(allowed.exitCode()).as(command + ": " + allowed.err()).isZero();
            assertThat(allowed.err()).as(command).contains("WARN").contains("model was trained on another split of these ids")
                    .contains("used anyway as asked");
        }
        CliRunner.Result same = CliRunner.run("evaluate", "--data", a.toString(), "--model", model.toString(), "-q");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.err()).doesNotContain("WARN");
    }

    @Test
    void numericBoundsAndOutputPathsFailBeforeAnyWork() throws IOException {
        CliRunner.Result threads = CliRunner.run("train", "--threads", "100000", "-q");
        assertThat(threads.exitCode()).isEqualTo(1);
        assertThat(threads.err()).startsWith("unkd: Invalid value for option '--threads': 100000 is out of range (must be in 1..1024)");
        CliRunner.Result dim = CliRunner.run("train", "--dim", "2147483647", "-q");
        assertThat(dim.exitCode()).isEqualTo(1);
        assertThat(dim.err()).startsWith("unkd: Invalid value for option '--dim': 2147483647 is out of range (must be in 1..65536)");
        for (String[] bad : new String[][] {{"--batch", "0"}, {"--epochs", "-1"}, {"--eval-every", "0"}, {"--patience", "0"}}) {
            CliRunner.Result r = CliRunner.run("train", bad[0], bad[1], "-q");
            assertThat(r.exitCode()).as(bad[0]).isEqualTo(1);
            assertThat(r.err()).as(bad[0]).startsWith("unkd: Invalid value for option '" + bad[0] + "': " + bad[1] + " is out of range");
        }
        CliRunner.Result k = CliRunner.run("evaluate", "--model", "m.unkd", "--k", "10,0");
        assertThat(k.exitCode()).isEqualTo(1);
        assertThat(k.err()).startsWith("unkd: Invalid value for option '--k'");

        Path same = dir.resolve("m.unkd");
        CliRunner.Result clash = CliRunner.run("train", "--out", same.toString(), "--json", dir.resolve(".").resolve("m.unkd").toString(), "-q");
        assertThat(clash.exitCode()).isEqualTo(1);
        assertThat(clash.err()).startsWith("unkd: --out and --json name the same file (" + same + "): the second would replace the first");

        Path model = dir.resolve("model.unkd");
        long start = System.nanoTime();
        CliRunner.Result jsonDir = CliRunner.run("train", "--out", model.toString(), "--json", dir.toString(), "--epochs", "1000", "-q");
        assertThat(jsonDir.exitCode()).isEqualTo(2);
        assertThat(jsonDir.err()).isEqualTo("unkd: error: --json " + dir + ": is a directory, expected a file name\n");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds: failed before training").isLessThan(5);
        assertThat(model).doesNotExist();

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRunner.Result splitIntoFile = CliRunner.run("data", "split", "--out", file.resolve("sub").toString(), "-q");
        assertThat(splitIntoFile.exitCode()).isEqualTo(2);
        assertThat(splitIntoFile.err()).isEqualTo("unkd: error: --out " + file.resolve("sub") + ": " + file
                + " is a file, so the folder cannot be created\n");
    }
}
