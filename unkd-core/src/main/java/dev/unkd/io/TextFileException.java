package dev.unkd.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A text file that cannot be read as text: bytes invalid in its charset, corrupt compressed data
 * or a failed read. The message names the file, the 1-based line (0 when not line-specific) and,
 * for decoding errors, the byte offset.
 */
public final class TextFileException extends IOException {
    private final transient Path file;
    private final long line;

    public TextFileException(Path file, long line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, 0 when it is not line-specific. */
    public long line() {
        return line;
    }
}
