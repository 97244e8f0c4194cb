package dev.unkd.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** JSON files of finished runs and teachers: written atomically, so an interrupted experiment never leaves half a result. */
final class ResultFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a file from another version or cut short must not pass for a result: every field present and non-null
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

    private ResultFiles() {
    }

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
    }

    /** The stored value, or empty when the file is absent or unreadable (then the run is simply redone). */
    static <T> Optional<T> read(Path file, Class<T> type) {
        return read(file, type, problem -> { });
    }

    /**
     * The stored value, or empty when the file is absent, or unreadable or incomplete (a field
     * missing or null, e.g. written by another version): then {@code problem} hears why.
     */
    static <T> Optional<T> read(Path file, Class<T> type, java.util.function.Consumer<String> problem) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException | RuntimeException e) {
            String m = e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
            problem.accept(file + ": " + (m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m)));
            return Optional.empty();
        }
    }

    /**
     * Deletes the temp files {@link AtomicFiles} leaves when a run is killed mid-write
     * ({@code .NAME<digits>.tmp} next to their target) in {@code dir}; returns how many.
     */
    static int removeStaleTempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp") && n.matches("\\..+\\d+\\.tmp") && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        }
        return removed;
    }
}
