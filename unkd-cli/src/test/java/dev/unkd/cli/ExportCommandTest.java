package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.serve.ServeFixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir
    Path dir;

    private Path split;
    private Path model;
    private Dataset data;
    private FactorScorer scorer;

    @BeforeEach
    void setUp() throws IOException {
        split = dir.resolve("split");
        data = ServeFixture.writeSplit(split);
        model = ServeFixture.saveModel(data, dir.resolve("m.unkd"), 5, 1);
        scorer = (FactorScorer) Models.restore(ModelFile.load(model), data, model).scorer();
    }

    /** Reads a float32 .npy written by the export: checks magic, version, header alignment and shape. */
    private static float[] readNpy(Path file, int rows, int cols) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        buf.get(magic);
        assertThat(magic).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0);
        int headerLength = Short.toUnsignedInt(buf.getShort());
        assertThat((10 + headerLength) % 64).isZero();
        byte[] header = new byte[headerLength];
        buf.get(header);
        assertThat(new String(header, StandardCharsets.US_ASCII))
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }").endsWith("\n");
        assertThat(buf.remaining()).isEqualTo(rows * cols * 4);
        float[] data = new float[rows * cols];
        buf.asFloatBuffer().get(data);
        return data;
    }

    private static float[] readCsv(Path file, int cols) throws IOException {
        List<String> lines = Files.readAllLines(file);
        float[] data = new float[lines.size() * cols];
        for (int r = 0; r < lines.size(); r++) {
            String[] f = lines.get(r).split(",");
            assertThat(f).hasSize(cols);
            for (int d = 0; d < cols; d++) {
                data[r * cols + d] = Float.parseFloat(f[d]);
            }
        }
        return data;
    }

    @Test
    void npyRoundTrip() throws IOException {
        Path out = dir.resolve("emb");
        CliRunner.Result run = CliRunner.run("export", "--model", model.toString(), "--data", split.toString(), "--format", "npy", "--out", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("users.ids.txt"))).containsExactlyElementsOf(data.users().ids());
        assertThat(Files.readAllLines(out.resolve("items.ids.txt"))).containsExactlyElementsOf(data.items().ids());
        assertThat(readNpy(out.resolve("users.npy"), data.numUsers(), 5)).containsExactly(scorer.userEmbeddings());
        assertThat(readNpy(out.resolve("items.npy"), data.numItems(), 5)).containsExactly(scorer.itemEmbeddings());
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("items.ids.txt", "items.npy", "users.ids.txt", "users.npy"); // no temp files left
        }
    }

    @Test
    void csvRoundTripIsExact() throws IOException {
        Path out = dir.resolve("emb");
        CliRunner.Result run = CliRunner.run("export", "--model", model.toString(), "--data", split.toString(), "--format", "csv", "--out", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(readCsv(out.resolve("users.csv"), 5)).containsExactly(scorer.userEmbeddings());
        assertThat(readCsv(out.resolve("items.csv"), 5)).containsExactly(scorer.itemEmbeddings());
        assertThat(Files.readAllLines(out.resolve("items.ids.txt"))).hasSize(data.numItems());
    }

    @Test
    void scoresFromTheExportEqualTheModelsScores() throws IOException {
        Path out = dir.resolve("emb");
        assertThat(CliRunner.run("export", "--model", model.toString(), "--data", split.toString(), "--out", out.toString(), "-q").exitCode()).isZero();
        float[] users = readNpy(out.resolve("users.npy"), data.numUsers(), 5);
        float[] items = readNpy(out.resolve("items.npy"), data.numItems(), 5);
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = 0; i < data.numItems(); i++) {
                float s = 0;
                for (int d = 0; d < 5; d++) {
                    s += users[u * 5 + d] * items[i * 5 + d];
                }
                assertThat(s).isEqualTo(scorer.score(u, i));
            }
        }
    }

    @Test
    void unknownFormatIsRefused() {
        CliRunner.Result run = CliRunner.run("export", "--model", model.toString(), "--data", split.toString(), "--format", "parquet", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("Invalid --format: 'parquet'");
        assertThat(Arrays.asList(dir.toFile().list())).doesNotContain("users.ids.txt");
    }

    @Test
    void anMfModelExportsWithoutTheData() throws IOException {
        Path withData = dir.resolve("with");
        Path without = dir.resolve("without");
        assertThat(CliRunner.run("export", "--model", model.toString(), "--data", split.toString(), "--out", withData.toString(), "-q")
                .exitCode()).isZero();
        CliRunner.Result run = CliRunner.run("export", "--model", model.toString(), "--out", without.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : new String[] {"users.ids.txt", "items.ids.txt", "users.npy", "items.npy"}) {
            assertThat(Files.mismatch(withData.resolve(f), without.resolve(f))).as(f).isEqualTo(-1);
        }
    }

    @Test
    void aLightGcnModelWithoutTheDataIsRefusedWithTheReason() throws IOException {
        Path graph = dir.resolve("g.unkd");
        dev.unkd.pipeline.Pipeline.create().train(data, dev.unkd.model.ModelSpec.lightGcn(4, 1),
                dev.unkd.train.TrainingConfig.defaults().withEpochs(1)).save(graph);
        CliRunner.Result run = CliRunner.run("export", "--model", graph.toString(), "--out", dir.resolve("e").toString());
        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains(graph.toString(), "lightgcn", "give the split it was trained on (--data DIR)");
        assertThat(dir.resolve("e")).doesNotExist();
    }
}
