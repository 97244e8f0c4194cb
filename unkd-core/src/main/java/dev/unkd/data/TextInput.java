package dev.unkd.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a UTF-8 text file for reading, gunzipping it when it starts with the gzip magic bytes and
 * skipping a leading byte order mark.
 */
final class TextInput {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BYTE_ORDER_MARK = 0xFEFF;

    private TextInput() {
    }

    static BufferedReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, "is a directory, expected a file");
        }
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        }
        try {
            // The magic bytes decide, not the name: a renamed .gz file still reads.
            raw.mark(2);
            boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) { // files saved by spreadsheet tools often start with one
                reader.reset();
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
