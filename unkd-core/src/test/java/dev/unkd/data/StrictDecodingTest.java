package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.io.TextFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, defect 1: text input is decoded strictly; a charset can be chosen; every error names its file. */
class StrictDecodingTest {
    @TempDir
    Path dir;

    /** u1 café and u2 cafè in ISO-8859-1: 0xE9 and 0xE8 are invalid UTF-8 on their own. */
    private Path latin1Pairs() throws IOException {
        Path file = dir.resolve("pairs.txt");
        Files.write(file, "u1 tea\nu1 caf\u00e9\nu2 caf\u00e8\nu2 tea\n".getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }

    @Test
    void invalidUtf8InAPairsFileIsAnErrorNamingFileLineAndByteOffset() throws IOException {
        Path file = latin1Pairs();
        // before: U+FFFD for both, one item "caf\uFFFD"
        assertThatThrownBy(() -> DataFormat.PAIRS.reader(LoadOptions.DEFAULT_CSV, JsonFields.AMAZON).read(file))
                .isInstanceOf(TextFileException.class)
                .hasMessage(file + ":2: invalid UTF-8 (byte 0xE9) at byte offset 13 (column 7 in bytes); is the file in another"
                        + " charset, e.g. ISO-8859-1?");
    }

    @Test
    void anotherCharsetKeepsBothIdsApart() throws IOException {
        InteractionLog log = DataFormat.PAIRS.reader(LoadOptions.DEFAULT_CSV, JsonFields.AMAZON, StandardCharsets.ISO_8859_1)
                .read(latin1Pairs());
        assertThat(log.size()).isEqualTo(4);
        assertThat(log.items().ids()).containsExactlyInAnyOrder("tea", "caf\u00e9", "caf\u00e8");
    }

    @Test
    void invalidUtf8InASplitDirectoryNamesTheFileAndLine() throws IOException {
        Files.writeString(dir.resolve("train.txt"), "u1\ti1\nu2\ti2\n");
        Files.write(dir.resolve("test.txt"), "u1\ti2\nu2\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        // before: MalformedInputException: Input length = 1, without file or line
        assertThatThrownBy(() -> SplitDirectory.read(dir)).isInstanceOf(TextFileException.class)
                .hasMessageStartingWith(dir.resolve("test.txt") + ":2: invalid UTF-8 (byte 0xE9) at byte offset 12 (column 7 in bytes)");
        assertThat(SplitDirectory.read(dir, StandardCharsets.ISO_8859_1).items().ids()).contains("caf\u00e9");
    }

    @Test
    void corruptGzipNamesTheFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("u1 i1\nu1 i2\nu2 i1\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Path file = dir.resolve("pairs.txt.gz");
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2)); // truncated
        assertThatThrownBy(() -> DatasetLoader.readLog(file, LoadOptions.defaults())).isInstanceOf(TextFileException.class)
                .hasMessageStartingWith(file + ": corrupt or truncated gzip data (");
    }

    @Test
    void utf8ByteOrderMarkAndCrLfLinesStillRead() throws IOException {
        Path file = dir.resolve("pairs.txt");
        Files.write(file, "\uFEFFu1 caf\u00e9\r\nu2 tea\ru3 tea\n".getBytes(StandardCharsets.UTF_8));
        InteractionLog log = DataFormat.PAIRS.reader(LoadOptions.DEFAULT_CSV, JsonFields.AMAZON).read(file);
        assertThat(log.users().ids()).containsExactlyInAnyOrder("u1", "u2", "u3");
        assertThat(log.items().ids()).containsExactlyInAnyOrder("caf\u00e9", "tea");
    }

    @Test
    void utf16IsRefusedAsNotAsciiCompatible() {
        assertThatThrownBy(() -> LoadOptions.defaults().withCharset(StandardCharsets.UTF_16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-16 is not ASCII-compatible");
    }
}
