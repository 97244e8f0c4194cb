package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.MatrixFactorization;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Finite-difference check of the BPR + L2 gradient on every parameter of a tiny MF model. */
class BprGradientTest {
    private static final int USERS = 4;
    private static final int ITEMS = 6;
    private static final int DIM = 3;
    private static final double DECAY = 0.3;

    // user 1 appears twice and item 2 is both a positive and a negative: contributions must add up
    private final Batch batch = new Batch(1, 0, 5, new int[] {0, 1, 1, 3, 2}, new int[] {2, 0, 4, 5, 1}, new int[] {1, 2, 3, 2, 0});

    private double loss(MatrixFactorization mf, EmbeddingGradients grads) {
        GradientLog log = new GradientLog(DIM);
        double loss = new BprObjective(1.0).accumulate(batch, 0, batch.size(), mf.forward(), log, new SplittableRandom(1));
        log.replayInto(grads);
        return loss + new L2Regularizer(DECAY).apply(mf, batch, grads);
    }

    @Test
    void stripedReplayAndL2EqualTheSequentialOnesBitForBit() {
        MatrixFactorization mf = MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(5));
        EmbeddingGradients sequential = new EmbeddingGradients(USERS, ITEMS, DIM);
        double expected = loss(mf, sequential);
        for (int threads : new int[] {2, 3}) {
            EmbeddingGradients striped = new EmbeddingGradients(USERS, ITEMS, DIM);
            GradientLog log = new GradientLog(DIM);
            double l = new BprObjective(1.0).accumulate(batch, 0, batch.size(), mf.forward(), log, new SplittableRandom(1));
            for (int s = threads - 1; s >= 0; s--) { // any stripe order
                log.replayStripe(striped, s, threads);
            }
            log.markTouched(striped);
            try (dev.unkd.parallel.ChunkedExecutor exec = new dev.unkd.parallel.ChunkedExecutor(threads)) {
                l += new L2Regularizer(DECAY).apply(mf, batch, striped, exec);
            }
            assertThat(l).isEqualTo(expected);
            assertThat(striped.user()).containsExactly(sequential.user());
            assertThat(striped.item()).containsExactly(sequential.item());
            for (int k = 0; k < sequential.touchedItems().size(); k++) {
                assertThat(striped.touchedItems().get(k)).as("first-touch order").isEqualTo(sequential.touchedItems().get(k));
            }
            assertThat(striped.touchedUsers().size()).isEqualTo(sequential.touchedUsers().size());
        }
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        MatrixFactorization mf = MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(5));
        // scale up so the sigmoid is not flat
        for (float[] t : new float[][] {mf.userTable().data(), mf.itemTable().data()}) {
            for (int k = 0; k < t.length; k++) {
                t[k] *= 3;
            }
        }
        EmbeddingGradients grads = new EmbeddingGradients(USERS, ITEMS, DIM);
        loss(mf, grads);
        checkTable(mf, mf.userTable().data(), grads.user());
        checkTable(mf, mf.itemTable().data(), grads.item());
        assertThat(grads.touchedUsers().size()).isEqualTo(4);
        assertThat(grads.touchedItems().size()).isEqualTo(6);
    }

    private void checkTable(MatrixFactorization mf, float[] params, float[] analytic) {
        float h = 1e-2f;
        for (int k = 0; k < params.length; k++) {
            float orig = params[k];
            params[k] = orig + h;
            double up = loss(mf, new EmbeddingGradients(USERS, ITEMS, DIM));
            params[k] = orig - h;
            double down = loss(mf, new EmbeddingGradients(USERS, ITEMS, DIM));
            params[k] = orig;
            double numeric = (up - down) / (2 * h);
            assertThat((double) analytic[k]).as("parameter %d", k).isCloseTo(numeric, org.assertj.core.api.Assertions.within(2e-4 + 1e-2 * Math.abs(numeric)));
        }
    }

    @Test
    void softplusIsStableForLargeArguments() {
        assertThat(Softplus.of(1000)).isEqualTo(1000.0);
        assertThat(Softplus.of(-1000)).isEqualTo(0.0);
        assertThat(Softplus.of(0)).isEqualTo(Math.log(2));
        assertThat(Softplus.sigmoid(-1000)).isEqualTo(0.0);
        assertThat(Softplus.sigmoid(0)).isEqualTo(0.5);
    }
}
