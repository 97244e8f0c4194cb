package dev.unkd.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a float32 matrix in NumPy's .npy format, version 1.0: magic, a header dict padded with
 * spaces so the data starts on a 64-byte boundary, then rows x cols little-endian floats in C
 * order. numpy.load and most ANN libraries read it without copying.
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyWriter() {
    }

    public static void writeFloat32(OutputStream out, float[] data, int rows, int cols) throws IOException {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(data.length + " floats are not a " + rows + " x " + cols + " matrix");
        }
        out.write(MAGIC);
        byte[] header = header(rows, cols);
        out.write(header.length & 0xff);
        out.write(header.length >>> 8);
        out.write(header);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(f);
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** The dict, padded with spaces and ended by a newline so that 10 + its length is a multiple of 64. */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        return (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
