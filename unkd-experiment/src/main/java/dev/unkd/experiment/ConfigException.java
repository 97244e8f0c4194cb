package dev.unkd.experiment;

import java.util.List;

/**
 * An experiment config that cannot be run. Every problem names the key it is about, as a path
 * from the root ({@code methods[2].params.kdWeight: must be a number, got 'x'}), so a person can
 * find it in the file without reading code.
 */
public final class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public ConfigException(String file, List<String> problems) {
        super(message(file, problems));
        this.problems = List.copyOf(problems);
    }

    ConfigException(String problem) {
        this(null, List.of(problem));
    }

    /** Each problem as {@code path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String file, List<String> problems) {
        String where = file == null ? "" : file + ": ";
        if (problems.size() == 1) {
            return where + problems.get(0);
        }
        return where + problems.size() + " problems:\n  " + String.join("\n  ", problems);
    }
}
