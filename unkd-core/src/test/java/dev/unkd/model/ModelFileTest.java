package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final Dataset DATA = TestData.clustered(30, 20, 5, 1);

    @TempDir
    Path dir;

    private Path saveModel() throws IOException {
        MatrixFactorization mf = MatrixFactorization.initialise(30, 20, 4, new SplittableRandom(2));
        Path file = dir.resolve("m.unkd");
        ModelFile.save(Models.toSaved(mf, DATA, Map.of("lr", 0.01, "seed", 7)), file);
        return file;
    }

    @Test
    void roundTripKeepsTablesIdsAndProvenance() throws IOException {
        MatrixFactorization mf = MatrixFactorization.initialise(30, 20, 4, new SplittableRandom(2));
        Path file = saveModel();
        SavedModel loaded = ModelFile.load(file);
        assertThat(loaded.type()).isEqualTo("mf");
        assertThat(loaded.users()).isEqualTo(DATA.users());
        assertThat(loaded.items()).isEqualTo(DATA.items());
        assertThat(loaded.dataFingerprint()).isEqualTo(DATA.fingerprint());
        assertThat(loaded.provenance()).containsEntry("lr", 0.01).containsEntry("dim", 4);
        TrainableModel restored = Models.restore(loaded, DATA, file);
        assertThat(restored.userTable().data()).containsExactly(mf.userTable().data());
        assertThat(restored.itemTable().data()).containsExactly(mf.itemTable().data());
        assertThat(Files.list(dir)).containsExactly(file); // no temp file left behind
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path file = saveModel();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void corruptedFloatIsDetectedByTheChecksum() throws IOException {
        Path file = saveModel();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 30] ^= 0x5a;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.load(file)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void otherFilesAndVersionsAreRefused() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a model file");
        assertThatThrownBy(() -> ModelFile.load(text)).hasMessageContaining("not a unkd model file");
        Path file = saveModel();
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] = 9; // version field
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.load(file)).hasMessageContaining("model format version 9 is not supported");
        assertThatThrownBy(() -> ModelFile.load(dir.resolve("missing.unkd"))).hasMessageContaining("file not found");
    }

    @Test
    void modelForOtherDataIsRefused() throws IOException {
        Path file = saveModel();
        Dataset other = TestData.clustered(31, 20, 5, 1);
        assertThatThrownBy(() -> Models.restore(ModelFile.load(file), other, file))
                .hasMessageContaining("model was trained on other data");
    }

    @Test
    void failedWriteLeavesThePreviousFileIntact() throws IOException {
        Path file = saveModel();
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> dev.unkd.io.AtomicFiles.write(file, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.list(dir)).containsExactly(file);
    }

    /** Version-1 files written by earlier releases must keep opening. */
    @Test
    void goldenVersionOneFileStillLoads() throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/mf-v1.unkd").toURI());
        SavedModel loaded = ModelFile.load(golden);
        assertThat(loaded.type()).isEqualTo("mf");
        assertThat(loaded.users().ids()).containsExactly("u0", "u1", "u2");
        assertThat(loaded.items().ids()).containsExactly("a", "b");
        assertThat(loaded.table("users").data()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
        assertThat(loaded.table("items").data()).containsExactly(-1f, 0.5f, 0.25f, 8f);
        assertThat(loaded.dataFingerprint()).isEqualTo(0x1234abcdL);
    }
}
