package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, defect 2: model files never hold non-finite tables; save and load refuse them naming file and table. */
class NonFiniteModelFileTest {
    private static final Dataset DATA = TestData.clustered(30, 20, 5, 1);

    @TempDir
    Path dir;

    @Test
    void saveRefusesANaNTableAndWritesNothing() {
        MatrixFactorization mf = MatrixFactorization.initialise(30, 20, 4, new SplittableRandom(2));
        mf.userTable().data()[2 * 4 + 1] = Float.NaN;
        Path file = dir.resolve("m.unkd");
        assertThatThrownBy(() -> ModelFile.save(Models.toSaved(mf, DATA, Map.of()), file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("table 'users' holds NaN at row 2, column 1");
        assertThat(file).doesNotExist();
    }

    @Test
    void loadRefusesAFileWithAnInfiniteValueEvenWithAValidChecksum() throws IOException {
        MatrixFactorization mf = MatrixFactorization.initialise(30, 20, 4, new SplittableRandom(2));
        Path file = dir.resolve("m.unkd");
        ModelFile.save(Models.toSaved(mf, DATA, Map.of()), file);
        byte[] bytes = Files.readAllBytes(file);
        int lastItemFloat = bytes.length - 8 - 4; // the items' table is last; then the CRC
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(lastItemFloat, Float.POSITIVE_INFINITY);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length - 8, crc.getValue());
        Files.write(file, bytes); // as an older unkd that did not check would have written it
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("table 'items' holds Infinity at row 19, column 3");
    }
}
