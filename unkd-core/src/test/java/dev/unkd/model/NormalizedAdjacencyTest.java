package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalizedAdjacencyTest {
    @Test
    void weightsAreSymmetricDegreeNormalisedAndZeroForColdNodes() {
        Interactions train = GraphFixtures.tiny();
        NormalizedAdjacency a = NormalizedAdjacency.of(train);
        assertThat(a.numNodes()).isEqualTo(9);
        assertThat(a.nonZeros()).isEqualTo(2L * train.size());
        // user 2 has 3 items, item 1 has 3 users
        assertThat(a.weight(2, 1)).isCloseTo(1.0 / 3, within(1e-7));
        assertThat(a.weight(0, 0)).isCloseTo(1 / Math.sqrt(2 * 2), within(1e-7));
        assertThat(a.weight(0, 2)).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(a.weight(3, i)).isZero();
        }
        for (int u = 0; u < 4; u++) {
            assertThat(a.weight(u, 4)).isZero();
        }
    }

    @Test
    void multiplyEqualsDenseProductAcrossManyChunks() {
        // 3000 pairs cost more than one chunk on either side, so chunk boundaries are exercised
        Interactions train = GraphFixtures.random(300, 200, 6000, 11);
        NormalizedAdjacency a = NormalizedAdjacency.of(train);
        SplittableRandom rng = new SplittableRandom(3);
        Embeddings x = new Embeddings(EmbeddingTable.normal(300, 5, 1, rng), EmbeddingTable.normal(200, 5, 1, rng));
        Embeddings y = new Embeddings(new EmbeddingTable(300, 5), new EmbeddingTable(200, 5));
        try (ChunkedExecutor exec = new ChunkedExecutor(2)) {
            a.multiply(x, y, exec);
        }
        double[][] expected = GraphFixtures.multiply(GraphFixtures.denseAdjacency(train), GraphFixtures.stack(x.users(), x.items()));
        double[][] actual = GraphFixtures.stack(y.users(), y.items());
        for (int r = 0; r < expected.length; r++) {
            for (int d = 0; d < 5; d++) {
                assertThat(actual[r][d]).as("row %d col %d", r, d).isCloseTo(expected[r][d], within(1e-5));
            }
        }
    }

    @Test
    void emptyGraphPropagatesToZero() {
        NormalizedAdjacency a = NormalizedAdjacency.of(Interactions.empty(3, 2));
        Embeddings x = new Embeddings(EmbeddingTable.normal(3, 2, 1, new SplittableRandom(1)),
                EmbeddingTable.normal(2, 2, 1, new SplittableRandom(2)));
        Embeddings y = new Embeddings(new EmbeddingTable(3, 2), new EmbeddingTable(2, 2));
        java.util.Arrays.fill(y.users().data(), 7f);
        a.multiply(x, y, ChunkedExecutor.common());
        assertThat(y.users().data()).containsOnly(0f);
        assertThat(y.items().data()).containsOnly(0f);
    }

    @Test
    void rejectsMismatchedOrAliasedOperands() {
        NormalizedAdjacency a = NormalizedAdjacency.of(GraphFixtures.tiny());
        Embeddings x = new Embeddings(new EmbeddingTable(4, 2), new EmbeddingTable(5, 2));
        Embeddings wrong = new Embeddings(new EmbeddingTable(5, 2), new EmbeddingTable(5, 2));
        assertThatThrownBy(() -> a.multiply(wrong, x, ChunkedExecutor.common())).hasMessageContaining("graph has 4 x 5");
        assertThatThrownBy(() -> a.multiply(x, x, ChunkedExecutor.common())).hasMessageContaining("storage");
    }
}
