package dev.unkd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed answers of the popularity-bias metrics of issue 13 (docs/METRICS.md) on five users. */
class PopularityBiasMetricsTest {
    private static final int N = PopularityGroups.NONE;
    // training: u0 {0, 1}, u1 {0, 2}, u2 {0, 1, 3}, u3 {0}, u4 none -> popularity 4, 2, 1, 1, 0, 0
    private static final Interactions TRAIN = TestData.of(5, 6, new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 2}, {2, 0}, {2, 1}, {2, 3}, {3, 0}});
    private static final int[] POP = TRAIN.itemPopularity();
    // halves of the K = 2 split: G0 = {0} (mass 4), long tail G1 = {1, 2, 3}; items 4, 5 in none
    private static final PopularityGroups HALVES = PopularityGroups.split(TRAIN, 2, false);
    // report groups: g0 = {0}, g1 = {1, 2}, g2 = {3}
    private static final PopularityGroups GROUPS = PopularityGroups.of(new int[] {0, 1, 1, 2, N, N}, POP);
    // held out: u0 {2, 4}, u1 {3}, u3 {1, 5}, u4 {0}; u2 nothing
    private static final Interactions HELD = TestData.of(5, 6, new int[][] {{0, 2}, {0, 4}, {1, 3}, {3, 1}, {3, 5}, {4, 0}});
    private static final int[][] LISTS = {{2, 3, 4}, {1, 5, 3}, {}, {1, 2, 3}, {0, 1, 2}};
    private static final int[] USERS = {0, 1, 3, 4};

    private static double mean(ListMetric metric, MeanOverUsers.Denominator d, int... users) {
        MeanOverUsers m = new MeanOverUsers(MetricName.RECALL.at(1), metric, d);
        return run(m, users)[0];
    }

    private static double[] run(SystemMetric m, int... users) {
        JudgedList judged = new JudgedList(HELD);
        for (int u : users) {
            m.accumulate(judged.judge(u, LISTS[u]));
        }
        return m.result();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void theFixtureHasTheDocumentedGroups() {
        assertThat(POP).containsExactly(4, 2, 1, 1, 0, 0);
        assertThat(HALVES.assignment()).containsExactly(0, 1, 1, 1, N, N);
    }

    @Test
    void apltIsTheShareOfEachListInTheLongTail() {
        // top-3: u0 [2, 3, 4] 2 of 3 (item 4 has no group, so it is not long tail), u1 [1, 5, 3] 2/3, u3 1, u4 [0, 1, 2] 2/3
        assertThat(mean(new LongTailShare(HALVES, 3), MeanOverUsers.Denominator.ALL_USERS, USERS)).isCloseTo(3.0 / 4, within(1e-15));
        // an empty list counts 0
        assertThat(new LongTailShare(HALVES, 3).evaluate(new JudgedList(HELD).judge(0, new int[0]))).isEqualTo(0.0);
    }

    @Test
    void popLiftComparesTheListWithTheUsersOwnPopularity() {
        // u0 list (1 + 1 + 0) / 3 over profile (4 + 2) / 2; u1 (2 + 0 + 1) / 3 over (4 + 1) / 2; u3 4/3 over 4; u4 has no training item
        double expected = ((2.0 / 3) / 3 - 1 + 1.0 / 2.5 - 1 + (4.0 / 3) / 4 - 1) / 3;
        PopularityLift lift = new PopularityLift(TRAIN, POP, 3);
        assertThat(mean(lift, MeanOverUsers.Denominator.DEFINED_USERS, USERS)).isCloseTo(expected, within(1e-15));
        assertThat(lift.evaluate(new JudgedList(HELD).judge(4, LISTS[4]))).isNaN();
    }

    @Test
    void miscalibrationIsTheJensenShannonDivergenceInBits() {
        // u0: p = (1/2, 1/2, 0), q over [2, 3] = (0, 1/2, 1/2) -> JS = 1/2; u1 the same; u3: p = (1, 0, 0), q = (0, 2/3, 1/3) -> 1
        PopularityMiscalibration m = new PopularityMiscalibration(TRAIN, GROUPS, 3);
        JudgedList j = new JudgedList(HELD);
        assertThat(m.evaluate(j.judge(0, LISTS[0]))).isCloseTo(0.5, within(1e-15));
        assertThat(m.evaluate(j.judge(3, LISTS[3]))).isCloseTo(1.0, within(1e-15));
        assertThat(m.evaluate(j.judge(4, LISTS[4]))).isNaN();
        assertThat(mean(m, MeanOverUsers.Denominator.DEFINED_USERS, USERS)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(PopularityMiscalibration.jensenShannon(new double[] {0.3, 0.7}, new double[] {0.3, 0.7})).isEqualTo(0.0);
    }

    @Test
    void ipsMetricsWeightEachHeldOutItemByInversePopularity() {
        IpsWeights w = new IpsWeights(POP, 1.0); // 1/5, 1/3, 1/2, 1/2, 1, 1
        // top-2: u0 [2, 3] hits 2: (1/2) / (1/2 + 1); u1 [1, 5] no hit; u3 [1, 2] hits 1: (1/3) / (1/3 + 1); u4 [0, 1] hits its only item
        assertThat(mean(new IpsRecall(w, 2), MeanOverUsers.Denominator.ALL_USERS, USERS)).isCloseTo((1.0 / 3 + 0 + 1.0 / 4 + 1) / 4,
                within(1e-15));
        double u0 = 0.5 / (1 + 0.5 / log2(3));
        double u3 = (1.0 / 3) / (1 + (1.0 / 3) / log2(3));
        assertThat(mean(new IpsNdcg(w, 2), MeanOverUsers.Denominator.ALL_USERS, USERS)).isCloseTo((u0 + 0 + u3 + 1) / 4, within(1e-15));
    }

    @Test
    void ipsMetricsWithGammaZeroAreRecallAndNdcgBitForBit() {
        IpsWeights w = new IpsWeights(POP, 0);
        JudgedList j = new JudgedList(HELD);
        for (int u : USERS) {
            for (int k = 1; k <= 3; k++) {
                j.judge(u, LISTS[u]);
                assertThat(new IpsRecall(w, k).evaluate(j)).isEqualTo(new Recall(k).evaluate(j));
                assertThat(new IpsNdcg(w, k).evaluate(j)).isEqualTo(new Ndcg(k).evaluate(j));
            }
        }
    }

    @Test
    void rspAndReoAreRelativeStandardDeviationsOfGroupRates() {
        // RSP@2 slots: u0 [2, 3] g1 g2; u1 [1, 5] g1; u3 [1, 2] g1 g1; u4 [0, 1] g0 g1 -> 1, 5, 1
        // recommendable (group items not trained): g0 0+0+0+1, g1 1+1+2+2, g2 1+1+1+1 -> rates 1, 5/6, 1/4
        assertThat(run(new PopularityParity(PopularityParity.Kind.RSP, TRAIN, GROUPS, 2), USERS)[0])
                .isCloseTo(relativeStd(1, 5.0 / 6, 1.0 / 4), within(1e-15));
        // REO@2 hits: u0 item 2 (g1), u3 item 1 (g1), u4 item 0 (g0); held-out per group g0 1, g1 2, g2 1 -> rates 1, 1, 0
        assertThat(run(new PopularityParity(PopularityParity.Kind.REO, TRAIN, GROUPS, 2), USERS)[0])
                .isCloseTo(Math.sqrt(2) / 2, within(1e-15));
        // u0 and u3 hold out items of g1 only: the other groups have no rate, one group is parity
        assertThat(run(new PopularityParity(PopularityParity.Kind.REO, TRAIN, GROUPS, 2), 0, 3)[0]).isEqualTo(0.0);
        // no hit at all: the mean rate is 0, reported as 0
        assertThat(run(new PopularityParity(PopularityParity.Kind.REO, TRAIN, GROUPS, 1), 1)[0]).isEqualTo(0.0);
    }

    @Test
    void parityPartsCombineExactly() {
        for (PopularityParity.Kind kind : PopularityParity.Kind.values()) {
            PopularityParity whole = new PopularityParity(kind, TRAIN, GROUPS, 2);
            double all = run(whole, USERS)[0];
            PopularityParity first = new PopularityParity(kind, TRAIN, GROUPS, 2);
            run(first, 0, 1);
            PopularityParity second = first.empty();
            run(second, 3, 4);
            first.combine(second);
            assertThat(first.result()[0]).isEqualTo(all);
        }
    }

    private static double relativeStd(double... rates) {
        double mean = Arrays.stream(rates).average().orElseThrow();
        double ss = Arrays.stream(rates).map(r -> (r - mean) * (r - mean)).sum();
        return Math.sqrt(ss / rates.length) / mean;
    }

    @Test
    void stratifiedTestDrawsTheSameNumberOfPairsFromEveryGroup() {
        // held-out pairs per group: g0 1 (u4), g1 2 (u0 item 2, u3 item 1), g2 1 (u1 item 3); items 4, 5 dropped
        Interactions s = StratifiedTest.sample(HELD, GROUPS, 7);
        int[] perGroup = new int[3];
        for (int item : s.userItemArray()) {
            perGroup[GROUPS.groupOf(item)]++;
        }
        assertThat(perGroup).containsExactly(1, 1, 1);
        assertThat(s.contains(4, 0)).isTrue();
        assertThat(s.contains(1, 3)).isTrue();
        assertThat(StratifiedTest.sample(HELD, GROUPS, 7)).isEqualTo(s);
        // over seeds, both g1 pairs are drawn
        List<Boolean> drawsU0 = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            drawsU0.add(StratifiedTest.sample(HELD, GROUPS, seed).contains(0, 2));
        }
        assertThat(drawsU0).contains(true, false);
    }

    @Test
    void evaluatorReportsTheNewMetricsAfterTheOldOnesWithPerUserValues() {
        Dataset data = TestData.clustered(300, 200, 12, 3);
        Scorer model = MatrixFactorization.initialise(300, 200, 8, new SplittableRandom(1)).scorer();
        Evaluator evaluator = new Evaluator(data.train(), EvaluationOptions.defaults(), new ChunkedExecutor(2));
        EvaluationReport plain = evaluator.evaluate(model, data.test());
        EvaluationReport byUser = evaluator.evaluateByUser(model, data.test(), done -> {
        });
        assertThat(byUser.toString()).isEqualTo(plain.toString());
        List<String> keys = plain.keys().stream().map(MetricKey::toString).toList();
        assertThat(keys.subList(keys.size() - 14, keys.size())).containsExactly("aplt@10", "popRsp@10", "popReo@10", "popLift@10",
                "miscalibration@10", "ipsRecall@10", "ipsNdcg@10", "aplt@20", "popRsp@20", "popReo@20", "popLift@20",
                "miscalibration@20", "ipsRecall@20", "ipsNdcg@20");
        assertThat(keys.indexOf("gini@20")).isEqualTo(keys.size() - 15);
        UserMetrics perUser = byUser.userMetrics().orElseThrow();
        assertThat(perUser.size()).isEqualTo(plain.users());
        for (String k : List.of("recall@20", "ndcg@10", "aplt@20", "ipsRecall@20")) {
            double[] v = perUser.column(MetricKey.parse(k));
            assertThat(Arrays.stream(v).map(x -> Double.isNaN(x) ? 0 : x).sum() / v.length).as(k)
                    .isCloseTo(plain.get(MetricKey.parse(k)), within(1e-12));
        }
        double[] lift = Arrays.stream(perUser.column(MetricKey.parse("popLift@20"))).filter(x -> !Double.isNaN(x)).toArray();
        assertThat(Arrays.stream(lift).average().orElseThrow()).isCloseTo(plain.get(MetricKey.parse("popLift@20")), within(1e-12));
        assertThat(plain.userMetrics()).isEmpty();
        // gamma 0: the IPS metrics are recall and NDCG
        EvaluationReport g0 = new Evaluator(data.train(), EvaluationOptions.defaults().withIpsGamma(0), new ChunkedExecutor(1))
                .evaluate(model, data.test());
        assertThat(g0.get(MetricKey.parse("ipsRecall@20"))).isEqualTo(g0.get(MetricKey.parse("recall@20")));
        assertThat(g0.get(MetricKey.parse("ipsNdcg@10"))).isEqualTo(g0.get(MetricKey.parse("ndcg@10")));
    }

    @Test
    void badInputFailsWithAClearMessage() {
        assertThatThrownBy(() -> EvaluationOptions.defaults().withIpsGamma(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid IPS gamma: -0.1");
        // 4 items have training interactions
        assertThatThrownBy(() -> new Evaluator(TRAIN, new EvaluationOptions(new int[] {2}, 5, 0, 1, 1), new ChunkedExecutor(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more report groups (5) than items with training interactions (4)");
        // item 0 holds 10 of 11 interactions: the K = 2 split is one group, the long tail is empty
        int[][] pairs = new int[11][];
        for (int u = 0; u < 10; u++) {
            pairs[u] = new int[] {u, 0};
        }
        pairs[10] = new int[] {0, 1};
        Interactions skewed = TestData.of(10, 3, pairs);
        assertThatThrownBy(() -> new Evaluator(skewed, new EvaluationOptions(new int[] {2}, 1, 0, 1, 1), new ChunkedExecutor(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the long tail is empty");
    }
}
