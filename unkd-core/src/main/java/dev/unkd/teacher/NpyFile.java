package dev.unkd.teacher;

import dev.unkd.data.DataFormatException;
import dev.unkd.io.AtomicFiles;
import dev.unkd.model.EmbeddingTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files holding a 2-D float matrix (one embedding per row), per the NPY
 * format specification (numpy.lib.format): magic {@code \x93NUMPY}, major and minor version,
 * header length (uint16 little-endian in version 1, uint32 in versions 2 and 3), an ASCII (UTF-8
 * in version 3) Python dict literal with {@code descr}, {@code fortran_order} and {@code shape},
 * padded to a multiple of 16 (64) bytes, then the raw data. Reads little-endian float32
 * ({@code <f4}) and float64 ({@code <f8}, narrowed to float) in C or Fortran order; writes
 * version 1, {@code <f4}, C order.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {
    }

    /** Reads a 2-D float matrix; fails with the file name and the problem on anything else. */
    public static EmbeddingTable read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer pre = ByteBuffer.allocate((int) Math.min(12, size)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, file);
            pre.flip();
            byte[] magic = new byte[Math.min(6, pre.remaining())];
            pre.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new DataFormatException(file, 0, "not a NumPy .npy file (bad magic bytes)");
            }
            if (size < 12) {
                throw new DataFormatException(file, 0, "truncated .npy header");
            }
            int major = pre.get() & 0xff;
            int minor = pre.get() & 0xff;
            long headerLength;
            int prefix;
            if (major == 1) {
                headerLength = pre.getShort(8) & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                headerLength = pre.getInt(8) & 0xffffffffL;
                prefix = 12;
            } else {
                throw new DataFormatException(file, 0, "unsupported .npy format version " + major + "." + minor + " (reads 1.x, 2.x, 3.x)");
            }
            if (prefix + headerLength > size) {
                throw new DataFormatException(file, 0, "truncated .npy header");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            ch.position(prefix);
            readFully(ch, hb, file);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Header h = parseHeader(file, header);
            long dataBytes = (long) h.rows * h.cols * h.itemSize;
            long expected = prefix + headerLength + dataBytes;
            if (size != expected) {
                throw new DataFormatException(file, 0, "file has " + size + " bytes, header describes " + expected
                        + " (shape " + h.rows + " x " + h.cols + " of " + h.descr + "; truncated or corrupt)");
            }
            if ((long) h.rows * h.cols > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(file, 0, "matrix of " + h.rows + " x " + h.cols + " is too large");
            }
            float[] raw = readValues(ch, file, h.rows * h.cols, h.itemSize);
            float[] data = h.fortran ? transpose(raw, h.rows, h.cols) : raw;
            checkFinite(file, data, h.cols);
            return new EmbeddingTable(h.rows, h.cols, data);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        }
    }

    private record Header(String descr, int itemSize, boolean fortran, int rows, int cols) {
    }

    private static Header parseHeader(Path file, String header) {
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new DataFormatException(file, 0, "malformed .npy header: " + header.strip());
        }
        String descr = d.group(1);
        int itemSize = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            case ">f4", ">f8" -> throw new DataFormatException(file, 0,
                    "big-endian " + descr + " is not supported; save with arr.astype('<f4')");
            default -> throw new DataFormatException(file, 0,
                    "dtype " + descr + " is not supported (need float32 '<f4' or float64 '<f8')");
        };
        String[] dims = s.group(1).split(",");
        int n = 0;
        long[] shape = new long[2];
        for (String dim : dims) {
            String t = dim.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (n == 2) {
                throw new DataFormatException(file, 0, "expected a 2-D matrix, shape is (" + s.group(1).strip() + ")");
            }
            try {
                shape[n++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, 0, "malformed shape (" + s.group(1).strip() + ")");
            }
        }
        if (n != 2) {
            throw new DataFormatException(file, 0, "expected a 2-D matrix (rows x dim), shape is (" + s.group(1).strip() + ")");
        }
        if (shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE || shape[1] < 1) {
            throw new DataFormatException(file, 0, "unsupported shape (" + s.group(1).strip() + ")");
        }
        return new Header(descr, itemSize, f.group(1).equals("True"), (int) shape[0], (int) shape[1]);
    }

    private static float[] readValues(FileChannel ch, Path file, int count, int itemSize) throws IOException {
        float[] out = new float[count];
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        int k = 0;
        while (k < count) {
            buf.clear();
            long want = Math.min(buf.capacity() / itemSize, count - k) * (long) itemSize;
            buf.limit((int) want);
            readFully(ch, buf, file);
            buf.flip();
            if (itemSize == 4) {
                int n = buf.remaining() / 4;
                buf.asFloatBuffer().get(out, k, n);
                k += n;
            } else {
                while (buf.remaining() >= 8) {
                    out[k++] = (float) buf.getDouble();
                }
            }
        }
        return out;
    }

    private static float[] transpose(float[] colMajor, int rows, int cols) {
        float[] out = new float[colMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = colMajor[c * rows + r];
            }
        }
        return out;
    }

    static void checkFinite(Path file, float[] data, int cols) {
        for (int k = 0; k < data.length; k++) {
            if (!Float.isFinite(data[k])) {
                throw new DataFormatException(file, 0, "row " + (k / cols) + ", column " + (k % cols) + " is " + data[k]
                        + " (embeddings must be finite)");
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new DataFormatException(file, 0, "unexpected end of file (truncated .npy)");
            }
        }
    }

    /** Writes a float32 C-order version-1 file (header padded to 64 bytes, as numpy does). */
    public static void write(Path file, EmbeddingTable table) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + table.rows() + ", " + table.dim() + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        AtomicFiles.write(file, out -> {
            ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
            out.write(pre.array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            writeFloats(out, table.data());
        });
    }

    private static void writeFloats(OutputStream out, float[] data) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            if (!bb.hasRemaining()) {
                out.write(bb.array(), 0, bb.position());
                bb.clear();
            }
            bb.putFloat(f);
        }
        out.write(bb.array(), 0, bb.position());
    }
}
