package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.Evaluator;
import dev.unkd.eval.MetricKey;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.MostPopular;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Dataset DATA = TestData.clustered(400, 120, 15, 9);

    private static MatrixFactorization train(int threads, boolean lazy, int epochs) {
        ChunkedExecutor exec = new ChunkedExecutor(threads);
        MatrixFactorization mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 16, new SplittableRandom(1));
        TrainingConfig config = new TrainingConfig(0.01, 0.01, 256, epochs, 2, 50, 7, lazy, TrainingConfig.DEFAULT_SELECT_METRIC);
        new Trainer(config, exec, TrainingListener.NONE).train(mf, DATA.train(), DATA.valid(),
                new Evaluator(DATA.train(), EvaluationOptions.defaults(), exec), List.of(new BprObjective(1.0)));
        return mf;
    }

    @Test
    void sameSeedGivesIdenticalModelsWithOneOrTwoThreads() {
        for (boolean lazy : new boolean[] {true, false}) {
            MatrixFactorization one = train(1, lazy, 6);
            MatrixFactorization two = train(2, lazy, 6);
            assertThat(two.userTable().data()).containsExactly(one.userTable().data());
            assertThat(two.itemTable().data()).containsExactly(one.itemTable().data());
        }
    }

    @Test
    void trainedModelBeatsMostPopularOnHeldOutData() {
        MatrixFactorization mf = train(2, true, 30);
        Evaluator evaluator = new Evaluator(DATA.train(), EvaluationOptions.defaults(), new ChunkedExecutor(2));
        double model = evaluator.evaluate(mf.scorer(), DATA.test()).get(MetricKey.parse("recall@20"));
        double popular = evaluator.evaluate(new MostPopular(DATA.train()), DATA.test()).get(MetricKey.parse("recall@20"));
        assertThat(model).isGreaterThan(popular * 1.5);
    }

    @Test
    void earlyStoppingKeepsTheBestValidationEpoch() {
        ChunkedExecutor exec = new ChunkedExecutor(1);
        MatrixFactorization mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 16, new SplittableRandom(1));
        TrainingConfig config = new TrainingConfig(0.05, 0.0, 256, 200, 1, 3, 7, true, TrainingConfig.DEFAULT_SELECT_METRIC);
        Evaluator evaluator = new Evaluator(DATA.train(), EvaluationOptions.defaults(), exec);
        TrainingResult result = new Trainer(config, exec, TrainingListener.NONE).train(mf, DATA.train(), DATA.valid(), evaluator,
                List.of(new BprObjective(1.0)));
        double best = result.curve().stream().mapToDouble(TrainingResult.ValidationPoint::value).max().orElseThrow();
        assertThat(result.curve().get(result.bestEpoch() - 1).value()).isEqualTo(best);
        assertThat(result.epochsRun()).isLessThan(200).isGreaterThanOrEqualTo(result.bestEpoch() + 3);
        // the model handed back is the best one, not the last one
        assertThat(evaluator.evaluate(mf.scorer(), DATA.valid()).get(MetricKey.parse("ndcg@20"))).isEqualTo(best);
    }

    @Test
    void plateauScheduleLowersTheRateAtNonImprovingValidationsDownToItsFloor() {
        ChunkedExecutor exec = new ChunkedExecutor(1);
        MatrixFactorization mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 16, new SplittableRandom(1));
        TrainingConfig config = new TrainingConfig(0.05, 0.0, 256, 200, 1, 3, 7, true, TrainingConfig.DEFAULT_SELECT_METRIC)
                .withSchedule(LearningRateSchedule.plateau(0.5, 1, 0.0125));
        List<double[]> changes = new java.util.ArrayList<>(); // {epoch, lr}
        TrainingResult result = new Trainer(config, exec, new TrainingListener() {
            @Override
            public void learningRateChanged(int epoch, double lr) {
                changes.add(new double[] {epoch, lr});
            }
        }).train(mf, DATA.train(), DATA.valid(), new Evaluator(DATA.train(), EvaluationOptions.defaults(), exec), List.of(new BprObjective(1.0)));
        assertThat(changes).extracting(c -> c[1]).containsExactly(0.025, 0.0125);
        for (double[] c : changes) { // each reduction follows a validation below the best before it
            int epoch = (int) c[0];
            double bestBefore = result.curve().subList(0, epoch - 1).stream().mapToDouble(TrainingResult.ValidationPoint::value).max().orElseThrow();
            assertThat(result.curve().get(epoch - 1).value()).isLessThanOrEqualTo(bestBefore);
        }
        for (TrainingResult.ValidationPoint p : result.curve()) { // the curve records each epoch's rate
            assertThat(p.lr()).isEqualTo(p.epoch() <= changes.get(0)[0] ? 0.05 : p.epoch() <= changes.get(1)[0] ? 0.025 : 0.0125);
        }
        // at the floor the stopping patience (3) runs in full from the last reduction
        assertThat(result.epochsRun()).isLessThan(200).isGreaterThanOrEqualTo((int) changes.get(1)[0] + 3);
    }

    @Test
    void negativesAreNeverTrainingPositives() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 2000; k++) {
            int u = rng.nextInt(DATA.numUsers());
            assertThat(DATA.train().contains(u, NegativeSampling.UNIFORM.draw(DATA.train(), DATA.train().userItemArray(), u, rng))).isFalse();
        }
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> TrainingConfig.defaults().withLr(-1)).hasMessage("Invalid learning rate: -1.0");
        assertThatThrownBy(() -> TrainingConfig.defaults().withDecay(Double.NaN)).hasMessage("Invalid decay: NaN");
    }
}
