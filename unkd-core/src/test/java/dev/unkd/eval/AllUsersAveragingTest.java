package dev.unkd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link UserAveraging#ALL_USERS}: the KDs benchmark's mean over every user, those without held-out items counting as 0. */
class AllUsersAveragingTest {
    /** Fixed scores: users 0..2, items 0..3. */
    private static final float[][] SCORES = {
        {9, 1, 8, 7},
        {5, 9, 1, 2},
        {1, 2, 3, 4},
    };

    private static final Scorer TABLE = new Scorer() {
        @Override
        public int numUsers() {
            return 3;
        }

        @Override
        public int numItems() {
            return 4;
        }

        @Override
        public float score(int user, int item) {
            return SCORES[user][item];
        }
    };

    // popularity 3, 1, 1, 0: halves G0 = {0}, G1 = {1, 2}
    private static final Interactions TRAIN = TestData.of(3, 4, new int[][] {{0, 0}, {1, 0}, {1, 1}, {2, 0}, {2, 2}});
    // u0 holds out {1, 3}, u1 holds out {2}, u2 nothing: 2 of 3 users have test items
    private static final Interactions TEST = TestData.of(3, 4, new int[][] {{0, 1}, {0, 3}, {1, 2}});

    /** The metrics that describe the lists themselves, the same under both averagings. */
    private static final Set<MetricName> LIST_METRICS = EnumSet.of(MetricName.GROUP_SHARE, MetricName.POPULAR_RECALL_GROUP_USERS,
            MetricName.UNPOPULAR_RECALL_GROUP_USERS, MetricName.ARP, MetricName.COVERAGE, MetricName.GINI, MetricName.APLT,
            MetricName.POP_RSP, MetricName.POP_REO, MetricName.POP_LIFT, MetricName.MISCALIBRATION);

    private static EvaluationReport evaluate(UserAveraging averaging) {
        EvaluationOptions options = new EvaluationOptions(new int[] {2}, 2, 0, 1, 1).withAveraging(averaging);
        return new Evaluator(TRAIN, options, new ChunkedExecutor(1)).evaluateByUser(TABLE, TEST, done -> {
        });
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void knownAnswerThreeUsersOneWithoutTestItems() {
        EvaluationReport held = evaluate(UserAveraging.HELD_OUT_USERS);
        EvaluationReport all = evaluate(UserAveraging.ALL_USERS);
        // u0 top-2 [2, 3] (item 0 trained): 1 of 2 held-out items; u1 top-2 [3, 2]: its one item at rank 2
        assertThat(held.get(MetricKey.parse("recall@2"))).isCloseTo((0.5 + 1) / 2, within(1e-12));
        assertThat(all.get(MetricKey.parse("recall@2"))).isCloseTo((0.5 + 1) / 3, within(1e-12));
        double u0 = (1 / log2(3)) / (1 + 1 / log2(3));
        double u1 = 1 / log2(3);
        assertThat(all.get(MetricKey.parse("ndcg@2"))).isCloseTo((u0 + u1) / 3, within(1e-12));
        assertThat(all.get(MetricKey.parse("hit@2"))).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(all.users()).isEqualTo(2);
        assertThat(all.averagedUsers()).isEqualTo(3);
        assertThat(all.averaging()).isEqualTo(UserAveraging.ALL_USERS);
        assertThat(held.averagedUsers()).isEqualTo(2);
    }

    @Test
    void accuracyMeansScaleByTheShareOfUsersWithTestItemsAndListMetricsStay() {
        EvaluationReport held = evaluate(UserAveraging.HELD_OUT_USERS);
        EvaluationReport all = evaluate(UserAveraging.ALL_USERS);
        assertThat(all.keys()).containsExactlyElementsOf(held.keys());
        for (MetricKey key : held.keys()) {
            double scale = LIST_METRICS.contains(key.metric()) ? 1 : 2.0 / 3;
            if (key.metric().perGroup()) {
                double[] h = held.perGroup(key);
                double[] a = all.perGroup(key);
                for (int g = 0; g < h.length; g++) {
                    assertThat(a[g]).as("%s group %d", key, g).isCloseTo(h[g] * scale, within(1e-12));
                }
            } else {
                assertThat(all.get(key)).as(key.toString()).isCloseTo(held.get(key) * scale, within(1e-12));
            }
        }
        // the per-user values are the users' own, whatever they are averaged over
        UserMetrics perUser = all.userMetrics().orElseThrow();
        assertThat(perUser.size()).isEqualTo(2);
        assertThat(perUser.column(MetricKey.parse("recall@2"))).containsExactly(0.5, 1.0);
    }

    @Test
    void filesShowTheAveragingOnlyWhenItIsNotTheDefault() {
        assertThat(evaluate(UserAveraging.HELD_OUT_USERS).asMap()).doesNotContainKey(EvaluationReport.AVERAGED_USERS);
        assertThat(java.util.List.copyOf(evaluate(UserAveraging.ALL_USERS).asMap().keySet())).startsWith(EvaluationReport.USERS, EvaluationReport.AVERAGED_USERS);
        assertThat(evaluate(UserAveraging.ALL_USERS).asMap()).containsEntry(EvaluationReport.AVERAGED_USERS, 3.0);
    }

    @Test
    void noUserWithTestItemsGivesAnEmptyReportThatStillSaysTheAveraging() {
        EvaluationOptions options = new EvaluationOptions(new int[] {2}, 2, 0, 1, 1).withAveraging(UserAveraging.ALL_USERS);
        EvaluationReport r = new Evaluator(TRAIN, options, new ChunkedExecutor(1)).evaluate(TABLE, TestData.of(3, 4, new int[][] {}));
        assertThat(r.keys()).isEmpty();
        assertThat(r.averagedUsers()).isEqualTo(3);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new EvaluationOptions(new int[] {2}, 2, 99, 1, 1).withAveraging(UserAveraging.ALL_USERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Averaging over all users needs full ranking: the sampled protocol (99 negatives) averages over held-out items");
        assertThatThrownBy(() -> EvaluationOptions.defaults().withAveraging(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid user averaging: null");
        assertThatThrownBy(() -> UserAveraging.parse("everyone")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid user averaging 'everyone' (expected held-out-users or all-users)");
        assertThat(UserAveraging.parse(" ALL-users ")).isEqualTo(UserAveraging.ALL_USERS);
        assertThatThrownBy(() -> new MeanOverUsers(MetricName.POP_LIFT.at(2), new Recall(2), MeanOverUsers.Denominator.DEFINED_USERS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent users cannot be counted");
    }
}
