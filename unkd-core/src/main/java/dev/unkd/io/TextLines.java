package dev.unkd.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a text file line by line with strict decoding: bytes that are not valid in the charset
 * are an error naming the file, the line and the byte offset, never a silent U+FFFD (which would
 * merge distinct ids). Gzipped files (recognised by their magic bytes) are read transparently; a
 * leading byte order mark is skipped; lines end at {@code \n}, {@code \r\n} or {@code \r}. Every
 * read error names the file.
 *
 * <p>Only ASCII-compatible charsets (UTF-8, ISO-8859-1, windows-1252, ...) are accepted, since
 * lines are cut on the bytes of {@code \n} and {@code \r}. Cost: one pass over the bytes; an
 * all-ASCII line is turned into a string without the decoder.
 */
public final class TextLines implements Closeable {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final String PROBE = "\r\n\t #,;|azAZ09\"";

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final boolean asciiFastPath;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private long offset; // bytes consumed before buf[pos]
    private boolean skipLineFeed;

    private TextLines(Path file, InputStream in, Charset charset) {
        this.file = file;
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.asciiFastPath = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII);
    }

    /** Opens a UTF-8 text file. */
    public static TextLines open(Path file) throws IOException {
        return open(file, StandardCharsets.UTF_8);
    }

    /**
     * Opens a text file in the given charset.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws TextFileException when it is a directory, not readable, or not valid gzip data
     * @throws IllegalArgumentException when the charset is not ASCII-compatible
     */
    public static TextLines open(Path file, Charset charset) throws IOException {
        checkAsciiCompatible(charset);
        if (Files.isDirectory(file)) {
            throw new TextFileException(file, 0, "is a directory, expected a file", null);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            // the magic bytes decide, not the name: a renamed .gz file still reads
            raw.mark(2);
            boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
            raw.reset();
            return new TextLines(file, gzip ? new GZIPInputStream(raw, 1 << 16) : raw, charset);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw named(file, 0, e);
        }
    }

    /** The whole file as one string, lines joined by {@code \n} (so line numbers are kept), decoded strictly. */
    public static String readString(Path file, Charset charset) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (TextLines lines = open(file, charset)) {
            for (String l; (l = lines.readLine()) != null; ) {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }

    /** Refuses charsets in which the line breaks and ASCII letters are not single ASCII bytes (UTF-16, UTF-32). */
    public static void checkAsciiCompatible(Charset charset) {
        if (!Arrays.equals(PROBE.getBytes(charset), PROBE.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("Invalid charset: " + charset.name()
                    + " is not ASCII-compatible (use UTF-8, ISO-8859-1, windows-1252 or another single-byte or UTF-8 charset)");
        }
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the line last returned (0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the file. */
    public String readLine() throws IOException {
        int len = 0;
        long start = offset + pos;
        boolean any = false;
        while (true) {
            if (pos >= limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            byte b = buf[pos++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    start++;
                    continue;
                }
            }
            any = true;
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                skipLineFeed = true;
                break;
            }
            if (len == line.length) {
                line = Arrays.copyOf(line, len * 2);
            }
            line[len++] = b;
        }
        lineNumber++;
        String s = decode(len, start);
        if (lineNumber == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1); // byte order mark, e.g. from spreadsheet tools
        }
        return s;
    }

    private boolean fill() throws IOException {
        offset += limit;
        pos = 0;
        limit = 0;
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (IOException | RuntimeException e) {
            throw named(file, lineNumber + 1, e);
        }
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private String decode(int len, long lineStart) throws TextFileException {
        if (asciiFastPath) {
            boolean ascii = true;
            for (int k = 0; k < len && ascii; k++) {
                ascii = line[k] >= 0;
            }
            if (ascii) {
                return new String(line, 0, len, StandardCharsets.ISO_8859_1);
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, len);
        CharBuffer chars = CharBuffer.allocate((int) Math.ceil(len * (double) decoder.maxCharsPerByte()) + 1);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            int at = bytes.position();
            StringBuilder hex = new StringBuilder();
            for (int k = at; k < Math.min(len, at + Math.max(1, r.isError() ? r.length() : 1)); k++) {
                hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", line[k] & 0xff));
            }
            throw new TextFileException(file, lineNumber, (r.isMalformed() ? "invalid " : "unmappable ") + decoder.charset().name()
                    + " (byte " + hex + ") at byte offset " + (lineStart + at) + " (column " + (at + 1) + " in bytes); is the file in"
                    + " another charset, e.g. ISO-8859-1?", null);
        }
        chars.flip();
        return chars.toString();
    }

    private static IOException named(Path file, long line, Exception e) {
        if (e instanceof TextFileException t) {
            return t;
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new TextFileException(file, 0, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f; // names its file already
        }
        return new TextFileException(file, line, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
