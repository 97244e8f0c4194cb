package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LightGcnPropagationTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void forwardEqualsDenseMeanOfLayers(int layers) {
        Interactions train = GraphFixtures.random(120, 90, 1500, 5);
        LightGcn model = LightGcn.initialise(train, 6, layers, 1.0, new SplittableRandom(9), new ChunkedExecutor(2));
        double[][] expected = GraphFixtures.denseFinal(train, model.userTable(), model.itemTable(), layers);
        Embeddings e = model.forward();
        double[][] actual = GraphFixtures.stack(e.users(), e.items());
        for (int r = 0; r < expected.length; r++) {
            for (int d = 0; d < 6; d++) {
                assertThat(actual[r][d]).as("row %d col %d", r, d).isCloseTo(expected[r][d], within(1e-6));
            }
        }
    }

    @Test
    void coldNodesKeepOnlyTheirOwnShareOfLayerZero() {
        LightGcn model = LightGcn.initialise(GraphFixtures.tiny(), 3, 2, 1.0, new SplittableRandom(1), ONE);
        Embeddings e = model.forward();
        for (int d = 0; d < 3; d++) {
            assertThat(e.users().get(3, d)).isEqualTo(model.userTable().get(3, d) / 3f, within(1e-7f));
            assertThat(e.items().get(4, d)).isEqualTo(model.itemTable().get(4, d) / 3f, within(1e-7f));
        }
    }

    @Test
    void scorerUsesPropagatedEmbeddingsAndIgnoresLaterUpdates() {
        Interactions train = GraphFixtures.random(50, 40, 400, 2);
        LightGcn model = LightGcn.initialise(train, 4, 2, 0.5, new SplittableRandom(4), ONE);
        double[][] fin = GraphFixtures.denseFinal(train, model.userTable(), model.itemTable(), 2);
        Scorer scorer = model.scorer();
        for (int u = 0; u < 50; u++) {
            for (int i = 0; i < 40; i++) {
                double s = 0;
                for (int d = 0; d < 4; d++) {
                    s += fin[u][d] * fin[50 + i][d];
                }
                assertThat((double) scorer.score(u, i)).isCloseTo(s, within(1e-6));
            }
        }
        float before = scorer.score(0, 0);
        java.util.Arrays.fill(model.userTable().data(), 1f);
        assertThat(scorer.score(0, 0)).isEqualTo(before);
    }

    @Test
    void zeroLayersIsMatrixFactorisation() {
        LightGcn model = LightGcn.initialise(GraphFixtures.tiny(), 3, 0, 1.0, new SplittableRandom(1), ONE);
        Embeddings e = model.forward();
        assertThat(e.users().data()).containsExactly(model.userTable().data());
        assertThat(e.items().data()).containsExactly(model.itemTable().data());
    }

    @Test
    void dropoutKeepsAboutTheKeepProbabilityOfEntriesAndRepeatsForASeed() {
        Interactions train = GraphFixtures.random(200, 100, 4000, 8);
        NormalizedAdjacency a = NormalizedAdjacency.of(train);
        EdgeDropout.Mask mask = new EdgeDropout(0.7, 1).mask(42, a.numNodes());
        int kept = 0;
        int symmetric = 0;
        for (int u = 0; u < 200; u++) {
            for (int k = train.userStart(u); k < train.userEnd(u); k++) {
                int node = 200 + train.userItemArray()[k];
                boolean forward = mask.keeps(u, node);
                kept += forward ? 1 : 0;
                kept += mask.keeps(node, u) ? 1 : 0;
                symmetric += forward == mask.keeps(node, u) ? 1 : 0;
                assertThat(mask.transpose().keeps(node, u)).isEqualTo(forward);
            }
        }
        assertThat((double) kept / (2 * train.size())).isCloseTo(0.7, within(0.02));
        // the two directions are independent draws, as in the authors' code: agreement ~ 0.7^2 + 0.3^2
        assertThat((double) symmetric / train.size()).isCloseTo(0.58, within(0.03));

        LightGcn model = LightGcn.initialise(train, 4, 2, 0.7, new SplittableRandom(1), ONE);
        model.setForwardSeed(5);
        float[] first = model.forward().users().data().clone();
        float[] second = model.forward().users().data().clone();
        model.setForwardSeed(5);
        assertThat(model.forward().users().data()).containsExactly(first);
        assertThat(second).isNotEqualTo(first);
        // inference never drops edges
        double[][] fin = GraphFixtures.denseFinal(train, model.userTable(), model.itemTable(), 2);
        assertThat((double) model.propagate().users().get(7, 2)).isCloseTo(fin[7][2], within(1e-6));
    }

    @Test
    void rejectsInvalidSettings() {
        Interactions train = GraphFixtures.tiny();
        SplittableRandom rng = new SplittableRandom(1);
        assertThatThrownBy(() -> LightGcn.initialise(train, 3, -1, 1.0, rng, ONE)).hasMessageContaining("layers");
        assertThatThrownBy(() -> LightGcn.initialise(train, 0, 2, 1.0, rng, ONE)).hasMessageContaining("dimension");
        assertThatThrownBy(() -> LightGcn.initialise(train, 3, 2, 0.0, rng, ONE)).hasMessageContaining("keep probability");
        assertThatThrownBy(() -> LightGcn.initialise(train, 3, 2, 1.5, rng, ONE)).hasMessageContaining("keep probability");
        assertThatThrownBy(() -> new LightGcn(NormalizedAdjacency.of(train), new EmbeddingTable(5, 3), new EmbeddingTable(5, 3), 2,
                EdgeDropout.NONE, ONE)).hasMessageContaining("graph has 4 x 5");
    }
}
