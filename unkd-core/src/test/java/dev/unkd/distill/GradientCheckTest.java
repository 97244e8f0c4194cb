package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of the distillation terms' gradients w.r.t. the student's final embeddings. */
class GradientCheckTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);
    private static final int USERS = 12;
    private static final int ITEMS = 40;
    private static final int DIM = 4;

    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 6, 21);
    private final Scorer teacher = DistillFixtures.randomEmbeddings(USERS, ITEMS, 6, 1.5, 22).scorer();
    /** Users repeat, as in training batches (one sample per training pair). */
    private final Batch batch = DistillFixtures.batch(new int[] {0, 3, 3, 5, 7, 0, 11}, ITEMS, 5);
    private final int[] userRows = {0, 3, 5, 7, 11};
    private final int[] itemRows = IntStream.range(0, ITEMS).toArray();

    private static EpochContext epoch(int e) {
        return new EpochContext(e, MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1)), 99, ONE);
    }

    private static Embeddings student(double scale) {
        return DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, scale, 31);
    }

    @Test
    void unkd() {
        for (double epsilon : new double[] {1e-10, 0.3}) {
            UnkdConfig config = new UnkdConfig(3, 9, 0, 20, 10, TieRedraw.PAIR, ZeroPopularityItems.LAST_GROUP, 0.7, epsilon);
            PopularityGroups groups = config.popularityGroups(train);
            UnbiasedDistiller d = UnbiasedDistiller.prepare(config, teacher, train, groups, ONE);
            d.startEpoch(epoch(1));
            for (double scale : new double[] {0.5, 3}) { // 3: saturated sigmoids, where epsilon matters
                double h = scale > 1 ? 1e-2 : 1e-3; // larger scores need a larger step against float rounding
                double worst = DistillFixtures.gradientError(d, batch, student(scale), userRows, itemRows, h, 2e-3, 1e-6);
                assertThat(worst).as("epsilon %s scale %s", epsilon, scale).isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void rdStaticAndDynamicWeights() {
        for (boolean dynamic : new boolean[] {false, true}) {
            for (boolean average : new boolean[] {false, true}) {
                RdConfig config = new RdConfig(8, 1.5, dynamic, 0, 0.1, 20, 0.6, average);
                RankingDistillation d = RankingDistillation.prepare(config, teacher, train, ONE);
                d.startEpoch(epoch(1));
                assertThat(d.dynamicActive()).isEqualTo(dynamic);
                // dynamic weights are constants for the gradient (piecewise constant in the scores): skip the jumps
                double[] check = DistillFixtures.gradientCheck(d, batch, student(1), userRows, itemRows, 1e-3, 2e-3, 1e-6, dynamic);
                assertThat(check[0]).as("dynamic %s average %s", dynamic, average).isLessThanOrEqualTo(0);
                assertThat(check[1]).as("coordinates skipped at jumps").isLessThan(0.1 * check[2]);
            }
        }
    }

    @Test
    void cd() {
        for (double epsilon : new double[] {1e-10, 0.3}) {
            CdConfig config = new CdConfig(25, 10, 1.0 / 20, 2, 0.5, 0.8, false, epsilon);
            CollaborativeDistillation d = CollaborativeDistillation.prepare(config, teacher, train, ONE);
            d.startEpoch(epoch(1));
            for (double scale : new double[] {0.5, 3}) {
                double h = scale > 1 ? 1e-2 : 1e-3;
                double worst = DistillFixtures.gradientError(d, batch, student(scale), userRows, itemRows, h, 2e-3, 1e-6);
                assertThat(worst).as("epsilon %s scale %s", epsilon, scale).isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void unkdLossIsTheMeanOverBatchSamplesOfTheMeanOverPairs() {
        UnkdConfig config = UnkdConfig.defaults().withGroups(2).withSampleBudget(4).withCandidates(10).withKdWeight(0.5);
        UnbiasedDistiller d = UnbiasedDistiller.prepare(config, teacher, train, config.popularityGroups(train), ONE);
        RankedPairs pairs = d.redraw(1, 3, ONE);
        Embeddings emb = student(1);
        double expected = 0;
        for (int k = 0; k < batch.size(); k++) {
            int u = batch.users()[k];
            double sum = 0;
            for (int t = 0; t < pairs.count(u); t++) {
                double x = emb.score(u, pairs.better(u, t)) - emb.score(u, pairs.worse(u, t));
                sum += -Math.log(1 / (1 + Math.exp(-x)) + 1e-10);
            }
            expected += pairs.count(u) == 0 ? 0 : sum / pairs.count(u);
        }
        expected = 0.5 * expected / batch.size();
        assertThat(DistillFixtures.run(d, batch, emb, 2, null)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
    }
}
