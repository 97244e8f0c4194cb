package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.MatrixFactorization;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The PD teacher's objective: popularity weights, the loss formula and its gradient. */
class PdBprObjectiveTest {
    private static final int USERS = 4;
    private static final int ITEMS = 6;
    private static final int DIM = 3;

    // item 0 has 3 interactions, item 1 two, items 2 and 3 one, items 4 and 5 none
    private final Interactions train = Interactions.of(USERS, ITEMS, new int[] {0, 1, 2, 0, 1, 2, 3}, new int[] {0, 0, 0, 1, 1, 2, 3});
    private final Batch batch = new Batch(1, 0, 5, new int[] {0, 1, 1, 3, 2}, new int[] {2, 0, 4, 5, 1}, new int[] {1, 2, 3, 2, 0});

    @Test
    void weightsArePopularityPlusOneOverTheTotalToTheGamma() {
        float[] w = PdBprObjective.popularityWeights(train, 1.0);
        double total = 7 + ITEMS; // every count starts at 1, as the code's count_weight
        assertThat((double) w[0]).isCloseTo(4 / total, within(1e-7));
        assertThat((double) w[4]).isCloseTo(1 / total, within(1e-7));
        float[] half = PdBprObjective.popularityWeights(train, 0.5);
        assertThat((double) half[1]).isCloseTo(Math.sqrt(3 / total), within(1e-7));
        assertThat(PdBprObjective.popularityWeights(train, 0)).containsOnly(1f);
        assertThatThrownBy(() -> PdBprObjective.popularityWeights(train, -1)).hasMessageContaining("Invalid PD gamma");
    }

    private static MatrixFactorization model() {
        MatrixFactorization mf = MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(11));
        for (float[] t : new float[][] {mf.userTable().data(), mf.itemTable().data()}) {
            for (int k = 0; k < t.length; k++) {
                t[k] *= 4;
            }
        }
        return mf;
    }

    private static double loss(PdBprObjective o, MatrixFactorization mf, Batch batch, EmbeddingGradients grads) {
        double loss = 0;
        for (int from = 0; from < batch.size(); from += 2) {
            GradientLog log = new GradientLog(DIM);
            loss += o.accumulate(batch, from, Math.min(batch.size(), from + 2), mf.forward(), log, new SplittableRandom(1));
            if (grads != null) {
                log.replayInto(grads);
            }
        }
        return loss;
    }

    @Test
    void lossIsTheMeanOfMinusLogSigmoidOfTheWeightedReluScores() {
        PdBprObjective o = PdBprObjective.of(train, 0.3);
        MatrixFactorization mf = model();
        double expected = 0;
        for (int k = 0; k < batch.size(); k++) {
            int u = batch.users()[k];
            double mi = o.weight(batch.positives()[k]) * (Math.max(0, mf.forward().score(u, batch.positives()[k])) + 1);
            double mj = o.weight(batch.negatives()[k]) * (Math.max(0, mf.forward().score(u, batch.negatives()[k])) + 1);
            expected -= Math.log(1 / (1 + Math.exp(-(mi - mj))) + 1e-10);
        }
        assertThat(loss(o, mf, batch, null)).isCloseTo(expected / batch.size(), within(1e-6));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        // gamma 0.3 keeps the weights near 0.5, where the sigmoid is not flat
        PdBprObjective o = PdBprObjective.of(train, 0.3);
        MatrixFactorization mf = model();
        for (int k = 0; k < batch.size(); k++) {
            for (int item : new int[] {batch.positives()[k], batch.negatives()[k]}) {
                // away from ReLU's kink, so a finite difference sees one side only
                assertThat(Math.abs(mf.forward().score(batch.users()[k], item))).isGreaterThan(0.2f);
            }
        }
        EmbeddingGradients grads = new EmbeddingGradients(USERS, ITEMS, DIM);
        loss(o, mf, batch, grads);
        int negativeScores = 0;
        for (int pass = 0; pass < 2; pass++) {
            float[] params = pass == 0 ? mf.userTable().data() : mf.itemTable().data();
            float[] analytic = pass == 0 ? grads.user() : grads.item();
            for (int k = 0; k < params.length; k++) {
                float orig = params[k];
                float h = 1e-3f;
                params[k] = orig + h;
                double up = loss(o, mf, batch, null);
                params[k] = orig - h;
                double down = loss(o, mf, batch, null);
                params[k] = orig;
                double numeric = (up - down) / (2 * h);
                assertThat((double) analytic[k]).as("table %d parameter %d", pass, k).isCloseTo(numeric, within(1e-4 + 1e-2 * Math.abs(numeric)));
            }
        }
        for (int k = 0; k < batch.size(); k++) {
            negativeScores += mf.forward().score(batch.users()[k], batch.negatives()[k]) < 0 ? 1 : 0;
        }
        assertThat(negativeScores).as("the ReLU's flat side is exercised").isPositive();
    }
}
