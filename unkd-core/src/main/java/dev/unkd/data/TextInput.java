package dev.unkd.data;

import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a data file as strictly decoded text ({@link TextLines}: gzip by magic bytes, byte order
 * mark skipped, invalid bytes an error naming file, line and byte offset).
 */
final class TextInput {
    private TextInput() {
    }

    static TextLines open(Path file, Charset charset) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, "is a directory, expected a file");
        }
        try {
            return TextLines.open(file, charset);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        }
    }
}
