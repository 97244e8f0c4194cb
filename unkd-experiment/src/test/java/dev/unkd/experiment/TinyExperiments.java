package dev.unkd.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configs for tests: tiny synthetic data (160 users, 240 items), a small teacher and few epochs, so a whole experiment takes about a second. */
final class TinyExperiments {
    static final String DATA = """
            datasets:
              - name: tiny
                synthetic: {users: 160, items: 240, rank: 6, meanItemsPerUser: 16, minItemsPerUser: 5, seed: 11}
                paper: CiteULike
            teachers:
              - name: teacher
                model: mf
                dim: 12
                epochs: 8
                seed: 1
            students:
              - model: mf
                dim: 4
            training:
              epochs: 5
              patience: 1
            """;

    static final String METHODS = """
            methods:
              - method: none
                paper: Student
              - method: rd
                paper: RD
                params: {kdWeight: [0.3, 0.6]}
              - method: cd
                paper: CD
                params: {kdWeight: [0.5, 1.0]}
              - method: unkd
                label: UnKD
                paper: UnKD
                params: {kdWeight: [0.5, 1.0], groups: 2, candidates: 50}
            """;

    private TinyExperiments() {
    }

    /** The tiny comparison with two seeds, grids searched on the first. */
    static String text() {
        return "name: tiny comparison\nseeds: [1, 2]\n" + DATA + METHODS;
    }

    static ExperimentConfig config() throws IOException {
        return ExperimentConfig.parse(text(), true, Path.of("."));
    }

    static Path write(Path dir, String text) throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, text);
        return file;
    }
}
