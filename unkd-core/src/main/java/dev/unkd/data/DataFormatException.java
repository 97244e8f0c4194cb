package dev.unkd.data;

import java.nio.file.Path;

/** Bad input data: names the file, the 1-based line (0 when not line-specific) and the problem. */
public final class DataFormatException extends RuntimeException {
    private final transient Path file;
    private final long line;

    public DataFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
