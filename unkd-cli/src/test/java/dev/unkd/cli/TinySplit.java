package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tiny data the distill command tests share: 60 users with 10 of 40 items each (ids
 * {@code userU}, {@code itemI}), split by {@code unkd data split} (paper protocol, seed 3), and
 * small MF teachers trained on it.
 */
final class TinySplit {
    private TinySplit() {
    }

    /** Writes the pairs file to {@code dir} and splits it into {@code dir/split}; returns that folder. */
    static Path create(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            for (int k = 0; k < 10; k++) {
                lines.add("user" + u + "\titem" + ((u % 4) + 4 * ((u * 7 + k * 3) % 10)));
            }
        }
        Path pairs = dir.resolve("pairs.tsv");
        Files.write(pairs, lines);
        Path split = dir.resolve("split");
        CliRunner.Result s = CliRunner.run("data", "split", "--data", pairs.toString(), "--format", "pairs", "--seed", "3", "--out",
                split.toString(), "-q");
        assertThat(s.exitCode()).as(s.err()).isZero();
        return split;
    }

    /** An MF-12 teacher of 6 epochs on {@code split}, written to {@code dir/teacher.unkd}. */
    static Path teacher(Path dir, Path split) {
        return teacher(dir, split, "teacher");
    }

    /** The same teacher written to {@code dir/NAME.unkd}, with further {@code unkd train} options (a model, checkpoints). */
    static Path teacher(Path dir, Path split, String name, String... extra) {
        Path model = dir.resolve(name + ".unkd");
        List<String> args = new ArrayList<>(List.of("train", "--data", split.toString(), "--dim", "12", "--epochs", "6", "--eval-every", "3",
                "--out", model.toString(), "-q"));
        args.addAll(List.of(extra));
        CliRunner.Result t = CliRunner.run(args.toArray(String[]::new));
        assertThat(t.exitCode()).as(t.err()).isZero();
        return model;
    }
}
