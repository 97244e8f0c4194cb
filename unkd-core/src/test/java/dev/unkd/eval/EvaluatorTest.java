package dev.unkd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** Fixed score table: users 0..3, items 0..5. */
    private static final float[][] SCORES = {
        {9, 1, 8, 7, 2, 0},
        {5, 9, 1, 2, 3, 4},
        {0, 0, 0, 0, 0, 0},
        {0, 0, 0, 0, 0, 0},
    };

    private static final Scorer TABLE = new Scorer() {
        @Override
        public int numUsers() {
            return 4;
        }

        @Override
        public int numItems() {
            return 6;
        }

        @Override
        public float score(int user, int item) {
            return SCORES[user][item];
        }
    };

    // popularity: item0 3, item1 3, item2 1, item3 1, items 4-5 0 -> halves G0 = {0}, G1 = {1, 2, 3}
    private static final Interactions TRAIN = TestData.of(4, 6, new int[][] {{0, 0}, {1, 1}, {2, 0}, {2, 1}, {2, 2}, {3, 0}, {3, 1}, {3, 3}});
    // u0 holds out {2, 4}, u1 holds out {3}; u2 and u3 have nothing held out and are skipped
    private static final Interactions HELD = TestData.of(4, 6, new int[][] {{0, 2}, {0, 4}, {1, 3}});

    private static EvaluationReport evaluate(int threads) {
        EvaluationOptions options = new EvaluationOptions(new int[] {3, 2}, 2, 0, 1, 1);
        return new Evaluator(TRAIN, options, new ChunkedExecutor(threads)).evaluate(TABLE, HELD);
    }

    @Test
    void accuracyMetricsMatchHandComputedValues() {
        EvaluationReport r = evaluate(1);
        double idcg2 = 1 + 1 / log2(3);
        // u0 top-2 [2, 3]: one of two held-out items at rank 1; u1 top-2 [0, 5]: no hit
        assertThat(r.users()).isEqualTo(2);
        assertThat(r.get(MetricKey.parse("recall@2"))).isCloseTo(0.25, within(1e-12));
        assertThat(r.get(MetricKey.parse("precision@2"))).isCloseTo(0.25, within(1e-12));
        assertThat(r.get(MetricKey.parse("ndcg@2"))).isCloseTo((1 / idcg2) / 2, within(1e-12));
        assertThat(r.get(MetricKey.parse("hit@2"))).isCloseTo(0.5, within(1e-12));
        assertThat(r.get(MetricKey.parse("mrr@2"))).isCloseTo(0.5, within(1e-12));
        // u0 top-3 [2, 3, 4]: both held-out items; IDCG over min(3, 2) = 2 ideal hits
        assertThat(r.get(MetricKey.parse("recall@3"))).isCloseTo(0.5, within(1e-12));
        assertThat(r.get(MetricKey.parse("precision@3"))).isCloseTo((2.0 / 3) / 2, within(1e-12));
        assertThat(r.get(MetricKey.parse("ndcg@3"))).isCloseTo(((1 + 1 / log2(4)) / idcg2) / 2, within(1e-12));
    }

    @Test
    void biasMetricsMatchHandComputedValues() {
        EvaluationReport r = evaluate(1);
        // top-3 slots: u0 [2, 3, 4] -> G1, G1, none; u1 [0, 5, 4] -> G0, none, none
        assertThat(r.perGroup(MetricKey.parse("groupShare@3"))).containsExactly(new double[] {1.0 / 3, 2.0 / 3}, within(1e-12));
        assertThat(r.get(MetricKey.parse("popularRecall@3"))).isEqualTo(0.0);
        assertThat(r.get(MetricKey.parse("unpopularRecall@3"))).isCloseTo(0.5, within(1e-12));
        assertThat(r.get(MetricKey.parse("unpopularRecallGroupUsers@3"))).isCloseTo(0.5, within(1e-12));
        assertThat(r.get(MetricKey.parse("arp@3"))).isCloseTo((2.0 / 3 + 1) / 2, within(1e-12));
        assertThat(r.get(MetricKey.parse("coverage@3"))).isCloseTo(5.0 / 6, within(1e-12));
        // exposure counts sorted: 0 1 1 1 1 2
        assertThat(r.get(MetricKey.parse("gini@3"))).isCloseTo(10.0 / 36, within(1e-12));
    }

    @Test
    void perGroupRecallDenominatorsDiffer() {
        // u0 holds out an unpopular item and u1 none of that half: all-user vs group-user denominators
        Interactions held = TestData.of(4, 6, new int[][] {{0, 2}, {1, 0}});
        EvaluationOptions options = new EvaluationOptions(new int[] {3}, 2, 0, 1, 1);
        EvaluationReport r = new Evaluator(TRAIN, options, new ChunkedExecutor(1)).evaluate(TABLE, held);
        assertThat(r.get(MetricKey.parse("unpopularRecall@3"))).isCloseTo(0.5, within(1e-12));
        assertThat(r.get(MetricKey.parse("unpopularRecallGroupUsers@3"))).isCloseTo(1.0, within(1e-12));
        assertThat(r.get(MetricKey.parse("popularRecall@3"))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void resultsDoNotDependOnThreadsOrBlockSize() {
        Dataset data = TestData.clustered(300, 200, 12, 3);
        Scorer model = MatrixFactorization.initialise(300, 200, 8, new SplittableRandom(1)).scorer();
        EvaluationReport reference = new Evaluator(data.train(), EvaluationOptions.defaults().withUserBlock(1), new ChunkedExecutor(1))
                .evaluate(model, data.test());
        for (int threads : new int[] {1, 2, 3}) {
            for (int block : new int[] {7, 64}) {
                EvaluationReport r = new Evaluator(data.train(), EvaluationOptions.defaults().withUserBlock(block), new ChunkedExecutor(threads))
                        .evaluate(model, data.test());
                assertThat(r.toString()).isEqualTo(reference.toString());
                assertThat(r.get(MetricKey.parse("ndcg@20"))).isEqualTo(reference.get(MetricKey.parse("ndcg@20")));
            }
        }
    }

    @Test
    void sampledProtocolCountsStrictlyHigherNegatives() {
        // with one negative per held-out item the rank is 0 or 1; a perfect scorer ranks held-out items first
        Scorer oracle = new Scorer() {
            public int numUsers() {
                return 4;
            }

            public int numItems() {
                return 6;
            }

            public float score(int u, int i) {
                return HELD.contains(u, i) ? 1 : 0;
            }
        };
        EvaluationOptions options = new EvaluationOptions(new int[] {1}, 2, 1, 5, 1);
        EvaluationReport r = new Evaluator(TRAIN, options, new ChunkedExecutor(1)).evaluate(oracle, HELD);
        assertThat(r.get(MetricKey.parse("sampledHit@1"))).isEqualTo(1.0);
        assertThat(r.get(MetricKey.parse("sampledNdcg@1"))).isEqualTo(1.0);
    }

    @Test
    void rejectsAModelOfTheWrongShape() {
        Scorer small = MatrixFactorization.initialise(4, 5, 2, new SplittableRandom(1)).scorer();
        assertThatThrownBy(() -> new Evaluator(TRAIN, EvaluationOptions.defaults(), new ChunkedExecutor(1)).evaluate(small, HELD))
                .hasMessageContaining("model has 4 users x 5 items, data has 4 x 6");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
