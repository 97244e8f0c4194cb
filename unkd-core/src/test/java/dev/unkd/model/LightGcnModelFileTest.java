package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightGcnModelFileTest {
    @TempDir
    Path dir;

    private static Dataset dataset(Interactions train) {
        Interactions none = Interactions.empty(train.numUsers(), train.numItems());
        return new Dataset("toy", IdMap.range(train.numUsers()), IdMap.range(train.numItems()), train, none, none);
    }

    @Test
    void roundTripRestoresLayersAndScores() throws IOException {
        Dataset data = dataset(GraphFixtures.random(60, 50, 700, 4));
        LightGcn model = LightGcn.initialise(data.train(), 5, 3, 0.8, new SplittableRandom(2), ChunkedExecutor.common());
        Path file = dir.resolve("lgcn.unkd");
        ModelFile.save(Models.toSaved(model, data, Map.of("lr", 0.01)), file);

        TrainableModel restored = Models.restore(ModelFile.load(file), data, file);
        assertThat(restored).isInstanceOf(LightGcn.class);
        assertThat(restored.type()).isEqualTo(LightGcn.TYPE);
        assertThat(((LightGcn) restored).layers()).isEqualTo(3);
        assertThat(((LightGcn) restored).dropout().active()).isFalse();
        assertThat(ModelFile.load(file).provenance()).containsEntry("keepProb", 0.8).containsEntry("layers", 3);
        Scorer a = model.scorer();
        Scorer b = restored.scorer();
        float[] sa = new float[50];
        float[] sb = new float[50];
        for (int u = 0; u < 60; u++) {
            a.scoreAll(u, sa);
            b.scoreAll(u, sb);
            assertThat(sb).containsExactly(sa);
        }
    }

    @Test
    void refusesDataWithOtherTrainingInteractions() throws IOException {
        Dataset data = dataset(GraphFixtures.random(60, 50, 700, 4));
        LightGcn model = LightGcn.initialise(data.train(), 5, 2, 1.0, new SplittableRandom(2), ChunkedExecutor.common());
        Path file = dir.resolve("lgcn.unkd");
        ModelFile.save(Models.toSaved(model, data, Map.of()), file);
        // same users and items, another split
        Dataset other = dataset(GraphFixtures.random(60, 50, 700, 5));
        SavedModel saved = ModelFile.load(file);
        assertThatThrownBy(() -> Models.restore(saved, other, file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("LightGCN model was trained on a different training graph")
                .hasMessageContaining(file.toString());
    }

    /** A file written by the first version of the format must keep opening with the same scores. */
    @Test
    void goldenVersionOneFileStillOpens() throws Exception {
        Path file = Path.of(getClass().getResource("lightgcn-v1.unkd").toURI());
        Dataset data = dataset(GraphFixtures.tiny());
        TrainableModel model = Models.restore(ModelFile.load(file), data, file);
        assertThat(model).isInstanceOf(LightGcn.class);
        assertThat(((LightGcn) model).layers()).isEqualTo(2);
        assertThat(model.dim()).isEqualTo(3);
        double[][] fin = GraphFixtures.denseFinal(data.train(), model.userTable(), model.itemTable(), 2);
        Scorer scorer = model.scorer();
        for (int u = 0; u < 4; u++) {
            for (int i = 0; i < 5; i++) {
                double s = 0;
                for (int d = 0; d < 3; d++) {
                    s += fin[u][d] * fin[4 + i][d];
                }
                assertThat((double) scorer.score(u, i)).isCloseTo(s, within(1e-7));
            }
        }
        assertThat(scorer.score(1, 2)).isCloseTo(0.0179121f, within(1e-7f));
        assertThat(scorer.score(3, 3)).isCloseTo(0.0101982f, within(1e-7f));
    }

    @Test
    void refusesFilesWithoutLayers() throws IOException {
        Dataset data = dataset(GraphFixtures.tiny());
        LightGcn model = LightGcn.initialise(data.train(), 2, 2, 1.0, new SplittableRandom(2), ChunkedExecutor.common());
        SavedModel full = Models.toSaved(model, data, Map.of());
        Map<String, Object> provenance = new java.util.HashMap<>(full.provenance());
        provenance.remove("layers");
        SavedModel noLayers = new SavedModel(full.type(), full.users(), full.items(), full.dataFingerprint(), provenance, full.tables());
        Path file = dir.resolve("x.unkd");
        assertThatThrownBy(() -> Models.restore(noLayers, data, file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("'layers'");
    }
}
