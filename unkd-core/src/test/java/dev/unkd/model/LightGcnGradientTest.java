package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.Batch;
import dev.unkd.train.BprObjective;
import dev.unkd.train.GradientLog;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The backward pass against finite differences of the whole training loss, BPR on the propagated
 * embeddings (through {@link BprObjective} and {@link LightGcn#forward()}) plus the trainer's L2
 * term on the layer-0 rows of the batch, on a graph with a user without training items and an
 * isolated item; and against the adjoint identity on a larger graph.
 */
class LightGcnGradientTest {
    private static final double DECAY = 0.1;
    private static final long PASS_SEED = 77;
    // includes the cold user 3 and the isolated item 4 as positive and negative
    private static final Batch BATCH = new Batch(1, 0, 6, new int[] {0, 1, 2, 3, 0, 2}, new int[] {1, 2, 3, 4, 0, 1},
            new int[] {4, 0, 2, 1, 3, 4});

    @ParameterizedTest(name = "layers={0} keep={1}")
    @CsvSource({"0, 1.0", "1, 1.0", "2, 1.0", "3, 1.0", "2, 0.6", "3, 0.5"})
    void backwardMatchesFiniteDifferencesOfBprPlusL2(int layers, double keep) {
        Interactions train = GraphFixtures.tiny();
        SplittableRandom rng = new SplittableRandom(13);
        // larger than the 0.1 init so that the gradients are well above float round-off
        EmbeddingTable users = EmbeddingTable.normal(4, 3, 0.7, rng);
        EmbeddingTable items = EmbeddingTable.normal(5, 3, 0.7, rng);
        LightGcn model = new LightGcn(NormalizedAdjacency.of(train), users, items, layers, new EdgeDropout(keep, 3),
                new ChunkedExecutor(1));

        double[] analytic = analyticGradient(model);
        float[][] params = {users.data(), items.data()};
        int k = 0;
        double h = 5e-3;
        double maxError = 0;
        for (float[] p : params) {
            for (int x = 0; x < p.length; x++, k++) {
                float orig = p[x];
                p[x] = (float) (orig + h);
                double plus = loss(model);
                p[x] = (float) (orig - h);
                double minus = loss(model);
                p[x] = orig;
                double numeric = (plus - minus) / (2 * h);
                maxError = Math.max(maxError, Math.abs(numeric - analytic[k]));
                assertThat(analytic[k]).as("parameter %d", k).isCloseTo(numeric, within(2e-4 + 1e-3 * Math.abs(numeric)));
            }
        }
        assertThat(maxError).isLessThan(2e-4);
    }

    /** Loss of the batch: BPR on the final embeddings of a pass with the fixed dropout seed, plus L2. */
    private static double loss(LightGcn model) {
        model.setForwardSeed(PASS_SEED);
        Embeddings e = model.forward();
        double bpr = new BprObjective(1).accumulate(BATCH, 0, BATCH.size(), e, new GradientLog(model.dim()), new SplittableRandom(1));
        double sq = 0;
        for (int k = 0; k < BATCH.size(); k++) {
            sq += squaredNorm(model.userTable(), BATCH.users()[k]) + squaredNorm(model.itemTable(), BATCH.positives()[k])
                    + squaredNorm(model.itemTable(), BATCH.negatives()[k]);
        }
        return bpr + DECAY * 0.5 * sq / BATCH.size();
    }

    /** Gradient through backward(), with the L2 term added on layer-0 rows as the Trainer does; users then items. */
    private static double[] analyticGradient(LightGcn model) {
        model.setForwardSeed(PASS_SEED);
        Embeddings e = model.forward();
        GradientLog log = new GradientLog(model.dim());
        new BprObjective(1).accumulate(BATCH, 0, BATCH.size(), e, log, new SplittableRandom(1));
        int n = model.userTable().rows();
        int m = model.itemTable().rows();
        EmbeddingGradients finalGrads = new EmbeddingGradients(n, m, model.dim());
        log.replayInto(finalGrads);
        EmbeddingGradients g = model.backward(finalGrads);
        int dim = model.dim();
        // rows left unmarked must be exactly zero (optimisers skip them)
        for (int u = 0; u < n; u++) {
            if (!g.touchedUsers().contains(u)) {
                for (int d = 0; d < dim; d++) {
                    assertThat(g.user()[u * dim + d]).isZero();
                }
            }
        }
        for (int i = 0; i < m; i++) {
            if (!g.touchedItems().contains(i)) {
                for (int d = 0; d < dim; d++) {
                    assertThat(g.item()[i * dim + d]).isZero();
                }
            }
        }
        double[] out = new double[(n + m) * dim];
        for (int x = 0; x < n * dim; x++) {
            out[x] = g.user()[x];
        }
        for (int x = 0; x < m * dim; x++) {
            out[n * dim + x] = g.item()[x];
        }
        float scale = (float) (DECAY / BATCH.size());
        for (int k = 0; k < BATCH.size(); k++) {
            addRow(out, model.userTable(), BATCH.users()[k], 0, scale);
            addRow(out, model.itemTable(), BATCH.positives()[k], n * dim, scale);
            addRow(out, model.itemTable(), BATCH.negatives()[k], n * dim, scale);
        }
        return out;
    }

    private static void addRow(double[] out, EmbeddingTable t, int row, int offset, double scale) {
        for (int d = 0; d < t.dim(); d++) {
            out[offset + row * t.dim() + d] += scale * t.get(row, d);
        }
    }

    private static double squaredNorm(EmbeddingTable t, int row) {
        double s = 0;
        for (int d = 0; d < t.dim(); d++) {
            s += (double) t.get(row, d) * t.get(row, d);
        }
        return s;
    }

    /**
     * For the linear map F(E0) = final embeddings and its backward B: &lt;G, F(E0)&gt; = &lt;B(G), E0&gt;
     * for every G, with dropout too (B must use the transpose of the very mask F used).
     */
    @ParameterizedTest(name = "layers={0} keep={1}")
    @CsvSource({"1, 1.0", "2, 1.0", "3, 0.8", "4, 0.5"})
    void backwardIsTheAdjointOfForward(int layers, double keep) {
        Interactions train = GraphFixtures.random(150, 110, 2500, 21);
        SplittableRandom rng = new SplittableRandom(5);
        LightGcn model = LightGcn.initialise(train, 4, layers, keep, rng, new ChunkedExecutor(2));
        model.setForwardSeed(123);
        Embeddings fin = model.forward();
        EmbeddingGradients g = new EmbeddingGradients(150, 110, 4);
        EmbeddingTable gu = EmbeddingTable.normal(150, 4, 1, rng);
        EmbeddingTable gi = EmbeddingTable.normal(110, 4, 1, rng);
        // a sparse G: some rows only, as a batch would touch
        for (int u = 0; u < 150; u += 3) {
            g.addUser(u, gu.data(), u * 4, 1f);
        }
        for (int i = 1; i < 110; i += 4) {
            g.addItem(i, gi.data(), i * 4, 1f);
        }
        double lhs = dot(g.user(), fin.users().data()) + dot(g.item(), fin.items().data());
        EmbeddingGradients b = model.backward(g);
        double rhs = dot(b.user(), model.userTable().data()) + dot(b.item(), model.itemTable().data());
        assertThat(rhs).isCloseTo(lhs, within(1e-5 * (1 + Math.abs(lhs))));
    }

    @Test
    void backwardTouchesOnlyRowsWithinReach() {
        LightGcn model = LightGcn.initialise(GraphFixtures.tiny(), 3, 2, 1.0, new SplittableRandom(1), new ChunkedExecutor(1));
        model.forward();
        EmbeddingGradients g = new EmbeddingGradients(4, 5, 3);
        float[] ones = {1, 1, 1};
        // the cold user and the isolated item reach nothing
        g.addUser(3, ones, 0, 1f);
        g.addItem(4, ones, 0, 1f);
        EmbeddingGradients b = model.backward(g);
        assertThat(b.touchedUsers().size()).isEqualTo(1);
        assertThat(b.touchedUsers().get(0)).isEqualTo(3);
        assertThat(b.touchedItems().size()).isEqualTo(1);
        assertThat(b.touchedItems().get(0)).isEqualTo(4);
        assertThat(b.user()[9]).isEqualTo(1f / 3);
        // item 2 (only user 1) reaches user 1 in one hop and items 1, 2 in two
        g.clear();
        g.addItem(2, ones, 0, 1f);
        b = model.backward(g);
        assertThat(b.touchedUsers().contains(1)).isTrue();
        assertThat(b.touchedUsers().size()).isEqualTo(1);
        assertThat(b.touchedItems().size()).isEqualTo(2);
        assertThat(b.touchedItems().contains(1) && b.touchedItems().contains(2)).isTrue();
        // the previous call's rows were cleared
        assertThat(b.user()[9]).isZero();
        assertThat(b.item()[12]).isZero();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }
}
