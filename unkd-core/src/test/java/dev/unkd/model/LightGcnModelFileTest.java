package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
