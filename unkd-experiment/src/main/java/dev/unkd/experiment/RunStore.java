package dev.unkd.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Finished student runs, one JSON file per run key under {@code DIR/runs}. */
final class RunStore {
    private final Path dir;

    RunStore(Path dir) {
        this.dir = dir;
    }

    Optional<RunResult> read(String key) {
        return ResultFiles.read(file(key), RunResult.class);
    }

    void write(RunResult result) throws IOException {
        ResultFiles.write(file(result.key()), result);
    }

    private Path file(String key) {
        return dir.resolve(key + ".json");
    }
}
