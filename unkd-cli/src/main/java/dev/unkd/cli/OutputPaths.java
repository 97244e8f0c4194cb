package dev.unkd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks output paths before any work starts, so that a bad path fails in a second, not after a
 * whole training: a file output must not be a directory, a directory output not a file, and the
 * nearest existing ancestor must be a writable directory (missing folders are created on write).
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** A file to write (may be null: not asked for). */
    static void file(Path file, String option) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a directory, expected a file name");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": file is not writable");
        }
        parent(file, option);
    }

    /** A directory to write into (created if missing). */
    static void directory(Path dir, String option) {
        if (dir == null) {
            return;
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + ": is a file, expected a directory");
        }
        if (Files.isDirectory(dir)) {
            if (!Files.isWritable(dir)) {
                throw new IllegalArgumentException(option + " " + dir + ": directory is not writable");
            }
            return;
        }
        parent(dir, option);
    }

    /** Two outputs that must differ (e.g. the model and its metrics JSON). */
    static void distinct(CommandSpec spec, Path a, String optionA, Path b, String optionB) {
        if (a != null && b != null && Objects.equals(a.toAbsolutePath().normalize(), b.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), optionA + " and " + optionB + " name the same file (" + a
                    + "): the second would replace the first");
        }
    }

    private static void parent(Path path, String option) {
        Path p = path.toAbsolutePath().normalize().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(option + " " + path + ": " + p + " is a file, so the folder cannot be created");
        }
        if (!Files.isWritable(p)) {
            throw new IllegalArgumentException(option + " " + path + ": cannot write in " + p + " (no permission)");
        }
    }
}
