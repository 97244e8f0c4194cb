package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Issue 14, defect 2: a diverging training stops with an error naming the epoch and what became non-finite. */
class NonFiniteTrainingTest {
    private static final Dataset DATA = TestData.clustered(200, 60, 10, 3);

    private static TrainingResult train(MatrixFactorization mf, double lr, List<BatchObjective> objectives) {
        ChunkedExecutor exec = new ChunkedExecutor(1);
        TrainingConfig config = new TrainingConfig(lr, 0.0, 256, 10, 2, 50, 7, true, TrainingConfig.DEFAULT_SELECT_METRIC);
        return new Trainer(config, exec, TrainingListener.NONE).train(mf, DATA.train(), DATA.valid(),
                new Evaluator(DATA.train(), EvaluationOptions.defaults(), exec), objectives);
    }

    @Test
    void aHugeLearningRateStopsWithTheEpochAndTheNonFiniteLoss() {
        MatrixFactorization mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 8, new SplittableRandom(1));
        // before: 10 epochs "trained", the tables mostly NaN
        assertThatThrownBy(() -> train(mf, 1e30, List.of(new BprObjective(1.0)))).isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching("training diverged at epoch [12]: the loss became (NaN|Infinity) \\(try a lower learning rate\\)");
    }

    @Test
    void nonFiniteParametersWithAFiniteLossAreFoundAtValidation() {
        MatrixFactorization mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 8, new SplittableRandom(1));
        int row = DATA.numItems() - 1; // an item no batch may touch is still checked
        mf.itemTable().data()[row * 8 + 3] = Float.NaN;
        BatchObjective zero = new BatchObjective() { // no gradient: the loss stays finite (0)
            @Override
            public String name() {
                return "zero";
            }

            @Override
            public double accumulate(Batch batch, int from, int to, dev.unkd.model.Embeddings emb, GradientLog log, SplittableRandom rng) {
                return 0.0;
            }
        };
        assertThatThrownBy(() -> train(mf, 0.01, List.of(zero))).isInstanceOf(TrainingDivergedException.class)
                .hasMessage("training diverged at epoch 2: the parameters became non-finite (item table: NaN at row " + row
                        + ", column 3) (try a lower learning rate)");
    }

    @Test
    void aNormalRunIsUnaffected() {
        MatrixFactorization mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 8, new SplittableRandom(1));
        assertThat(train(mf, 0.01, List.of(new BprObjective(1.0))).epochsRun()).isEqualTo(10);
        assertThat(mf.userTable().firstNonFinite()).isEqualTo(-1);
    }
}
