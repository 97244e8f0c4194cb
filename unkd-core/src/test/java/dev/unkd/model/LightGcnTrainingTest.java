package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LightGCN driven by the shared {@link Trainer}: reproducibility and the L = 0 special case. */
class LightGcnTrainingTest {
    private static final Interactions TRAIN = GraphFixtures.random(400, 300, 8000, 17);

    private static TrainingConfig config(int epochs) {
        return new TrainingConfig(0.01, 0.01, 512, epochs, 5, 20, 31, true, TrainingConfig.DEFAULT_SELECT_METRIC);
    }

    private static void train(TrainableModel model, ChunkedExecutor exec, TrainingConfig config) {
        new Trainer(config, exec, TrainingListener.NONE).train(model, TRAIN, Interactions.empty(TRAIN.numUsers(), TRAIN.numItems()),
                null, List.of(new BprObjective(1)));
    }

    private static LightGcn trained(int threads, double keep) {
        try (ChunkedExecutor exec = new ChunkedExecutor(threads)) {
            LightGcn model = LightGcn.initialise(TRAIN, 16, 2, keep, new SplittableRandom(3), exec);
            train(model, exec, config(3));
            return model;
        }
    }

    @Test
    void trainingIsIdenticalWithOneAndTwoThreads() {
        for (double keep : new double[] {1.0, 0.8}) {
            LightGcn one = trained(1, keep);
            LightGcn two = trained(2, keep);
            assertThat(two.userTable().data()).containsExactly(one.userTable().data());
            assertThat(two.itemTable().data()).containsExactly(one.itemTable().data());
            // and it actually trained
            LightGcn initial = LightGcn.initialise(TRAIN, 16, 2, keep, new SplittableRandom(3), ChunkedExecutor.common());
            assertThat(one.userTable().data()).isNotEqualTo(initial.userTable().data());
        }
    }

    @Test
    void zeroLayersTrainsExactlyLikeMatrixFactorisation() {
        try (ChunkedExecutor exec = new ChunkedExecutor(2)) {
            LightGcn lgcn = LightGcn.initialise(TRAIN, 8, 0, 1.0, new SplittableRandom(5), exec);
            MatrixFactorization mf = new MatrixFactorization(lgcn.userTable().copy(), lgcn.itemTable().copy());
            for (boolean lazy : new boolean[] {true, false}) {
                train(lgcn, exec, config(2).withLazyAdam(lazy));
                train(mf, exec, config(2).withLazyAdam(lazy));
                assertThat(lgcn.userTable().data()).containsExactly(mf.userTable().data());
                assertThat(lgcn.itemTable().data()).containsExactly(mf.itemTable().data());
            }
        }
    }

    @Test
    void trainingLowersTheLoss() {
        try (ChunkedExecutor exec = new ChunkedExecutor(2)) {
            LightGcn model = LightGcn.initialise(TRAIN, 16, 2, 1.0, new SplittableRandom(3), exec);
            double[] losses = new double[2];
            TrainingListener record = new TrainingListener() {
                @Override
                public void epochFinished(int epoch, double loss, double seconds) {
                    losses[epoch == 1 ? 0 : 1] = loss;
                }
            };
            new Trainer(config(8), exec, record).train(model, TRAIN, Interactions.empty(400, 300), null,
                    List.of(new BprObjective(1)));
            assertThat(losses[1]).isLessThan(losses[0]);
        }
    }
}
