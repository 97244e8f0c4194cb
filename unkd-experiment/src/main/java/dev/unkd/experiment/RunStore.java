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
        return read(key, problem -> { });
    }

    /** The stored run, or empty when absent, unreadable, incomplete or stored under another key ({@code problem} hears why). */
    Optional<RunResult> read(String key, java.util.function.Consumer<String> problem) {
        Optional<RunResult> r = ResultFiles.read(file(key), RunResult.class, problem);
        if (r.isPresent() && !key.equals(r.get().key())) {
            problem.accept(file(key) + ": holds run " + r.get().key());
            return Optional.empty();
        }
        return r;
    }

    void write(RunResult result) throws IOException {
        ResultFiles.write(file(result.key()), result);
    }

    private Path file(String key) {
        return dir.resolve(key + ".json");
    }
}
