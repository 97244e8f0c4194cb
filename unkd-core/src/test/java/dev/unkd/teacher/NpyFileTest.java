package dev.unkd.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.DataFormatException;
import dev.unkd.model.EmbeddingTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {
    @TempDir
    Path dir;

    private static final float[] VALUES = {1.5f, -2f, 0.25f, 3f, 4.125f, -0.5f};

    /** A hand-made .npy file: version (1, 2 or 3), dtype, Fortran flag and shape as numpy writes them. */
    static byte[] npy(int version, String descr, boolean fortran, String shape, double[] values, int itemSize) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int prefix = version == 1 ? 10 : 12;
        int padded = (prefix + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        ByteBuffer len = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 1) {
            len.putShort((short) header.length());
        } else {
            len.putInt(header.length());
        }
        out.writeBytes(len.array());
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(values.length * itemSize).order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (itemSize == 4) {
                data.putFloat((float) v);
            } else {
                data.putDouble(v);
            }
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            d[k] = f[k];
        }
        return d;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void roundTripsFloat32() throws IOException {
        EmbeddingTable t = new EmbeddingTable(3, 2, VALUES.clone());
        Path p = dir.resolve("e.npy");
        NpyFile.write(p, t);
        byte[] bytes = Files.readAllBytes(p);
        assertThat((bytes.length - 6 * 4) % 64).isZero(); // header padded to 64 bytes, as numpy does
        EmbeddingTable back = NpyFile.read(p);
        assertThat(back.rows()).isEqualTo(3);
        assertThat(back.dim()).isEqualTo(2);
        assertThat(back.data()).containsExactly(VALUES);
    }

    @Test
    void readsFloat64VersionsTwoAndThreeAndFortranOrder() throws IOException {
        double[] v = doubles(VALUES);
        EmbeddingTable f8 = NpyFile.read(write("a.npy", npy(2, "<f8", false, "(3, 2)", v, 8)));
        assertThat(f8.data()).containsExactly(VALUES);
        EmbeddingTable v3 = NpyFile.read(write("b.npy", npy(3, "<f4", false, "(2, 3)", v, 4)));
        assertThat(v3.rows()).isEqualTo(2);
        assertThat(v3.data()).containsExactly(VALUES);
        // Fortran order stores columns: the 3 x 2 matrix [[1.5, 3], [-2, 4.125], [0.25, -0.5]]
        EmbeddingTable fortran = NpyFile.read(write("c.npy", npy(1, "<f4", true, "(3, 2)", v, 4)));
        assertThat(fortran.data()).containsExactly(1.5f, 3f, -2f, 4.125f, 0.25f, -0.5f);
    }

    @Test
    void rejectsWhatItCannotReadWithTheFileName() throws IOException {
        double[] v = doubles(VALUES);
        Path big = write("big.npy", npy(1, ">f4", false, "(3, 2)", v, 4));
        assertThatThrownBy(() -> NpyFile.read(big)).isInstanceOf(DataFormatException.class).hasMessageContaining("big.npy")
                .hasMessageContaining("big-endian");
        Path ints = write("ints.npy", npy(1, "<i4", false, "(3, 2)", v, 4));
        assertThatThrownBy(() -> NpyFile.read(ints)).hasMessageContaining("<i4");
        Path flat = write("flat.npy", npy(1, "<f4", false, "(6,)", v, 4));
        assertThatThrownBy(() -> NpyFile.read(flat)).hasMessageContaining("2-D");
        byte[] whole = npy(1, "<f4", false, "(3, 2)", v, 4);
        Path cut = write("cut.npy", java.util.Arrays.copyOf(whole, whole.length - 3));
        assertThatThrownBy(() -> NpyFile.read(cut)).hasMessageContaining("cut.npy").hasMessageContaining("truncated");
        Path text = write("text.npy", "1,2,3\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> NpyFile.read(text)).hasMessageContaining("magic");
        Path nan = write("nan.npy", npy(1, "<f4", false, "(3, 2)", new double[] {1, 2, Double.NaN, 4, 5, 6}, 4));
        assertThatThrownBy(() -> NpyFile.read(nan)).hasMessageContaining("row 1, column 0");
        assertThatThrownBy(() -> NpyFile.read(dir.resolve("absent.npy"))).hasMessageContaining("not found");
    }
}
