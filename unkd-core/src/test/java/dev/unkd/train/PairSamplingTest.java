package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How an epoch draws its pairs: every interaction once, or uniform users then one of their items. */
class PairSamplingTest {
    /** User 0 has 40 items, users 1..4 one each, user 5 none: 44 interactions over 40 items. */
    private static Interactions skewed() {
        int[] users = new int[44];
        int[] items = new int[44];
        for (int k = 0; k < 40; k++) {
            items[k] = k;
        }
        for (int u = 1; u <= 4; u++) {
            users[39 + u] = u;
            items[39 + u] = u;
        }
        return Interactions.of(6, 40, users, items);
    }

    /** Counts, per user, the rows of every batch and checks each row's positive is a training item of its user. */
    private static final class UserCounter implements BatchObjective {
        final long[] rows = new long[6];
        boolean positivesAreTrainingItems = true;
        private final Interactions train;

        UserCounter(Interactions train) {
            this.train = train;
        }

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public void beforeBatch(Batch batch, Embeddings embeddings) {
            for (int k = 0; k < batch.size(); k++) {
                rows[batch.users()[k]]++;
                positivesAreTrainingItems &= train.contains(batch.users()[k], batch.positives()[k]);
            }
        }

        @Override
        public double accumulate(Batch batch, int from, int to, Embeddings embeddings, GradientLog log, SplittableRandom rng) {
            return 0;
        }
    }

    private static UserCounter train(PairSampling sampling, int epochs, int threads) {
        Interactions train = skewed();
        UserCounter counter = new UserCounter(train);
        TrainingConfig config = new TrainingConfig(0.01, 0.01, 16, epochs, 1000, 5, 3, true, TrainingConfig.DEFAULT_SELECT_METRIC, sampling);
        new Trainer(config, new ChunkedExecutor(threads), TrainingListener.NONE).train(MatrixFactorization.initialise(6, 40, 4, new SplittableRandom(1)),
                train, Interactions.empty(6, 40), null, List.of(new BprObjective(1.0), counter));
        return counter;
    }

    @Test
    void interactionsVisitEveryPairOncePerEpoch() {
        UserCounter c = train(PairSampling.INTERACTIONS, 3, 1);
        assertThat(c.rows).containsExactly(120, 3, 3, 3, 3, 0);
        assertThat(c.positivesAreTrainingItems).isTrue();
    }

    @Test
    void usersDrawEveryUserWithItemsEquallyOften() {
        UserCounter c = train(PairSampling.USERS, 100, 2);
        assertThat(Arrays.stream(c.rows).sum()).isEqualTo(4400); // as many draws as interactions, per epoch
        assertThat(c.rows[5]).isZero(); // no training items: never drawn
        for (int u = 0; u < 5; u++) {
            assertThat(c.rows[u]).as("user %d", u).isBetween(780L, 980L); // 880 expected; about 6 standard deviations either side
        }
        assertThat(c.positivesAreTrainingItems).isTrue();
    }

    @Test
    void userSamplingTrainsTheSameModelOnOneOrTwoThreads() {
        Interactions train = skewed();
        float[][] tables = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            MatrixFactorization mf = MatrixFactorization.initialise(6, 40, 4, new SplittableRandom(1));
            TrainingConfig config = TrainingConfig.defaults().withEpochs(5).withSampling(PairSampling.USERS);
            new Trainer(config, new ChunkedExecutor(threads), TrainingListener.NONE).train(mf, train, Interactions.empty(6, 40), null,
                    List.of(new BprObjective(1.0)));
            tables[threads - 1] = mf.itemTable().data().clone();
        }
        assertThat(tables[1]).containsExactly(tables[0]);
    }

    @Test
    void parsesItsLabelsAndRefusesOthers() {
        assertThat(PairSampling.parse("users")).isEqualTo(PairSampling.USERS);
        assertThat(PairSampling.parse("interactions")).isEqualTo(PairSampling.INTERACTIONS);
        assertThatThrownBy(() -> PairSampling.parse("user")).hasMessage("Invalid pair sampling: 'user' (expected interactions or users)");
        assertThat(TrainingConfig.defaults().sampling()).isEqualTo(PairSampling.INTERACTIONS);
        assertThat(TrainingConfig.defaults().withSampling(PairSampling.USERS).withEpochs(3).withSeed(9).sampling()).isEqualTo(PairSampling.USERS);
    }
}
