package dev.unkd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.testing.TestData;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Known answers of the system metrics on two users, and combining partial accumulators. */
class SystemMetricsTest {
    private static final int N = PopularityGroups.NONE;
    private static final int[] POPULARITY = {5, 4, 3, 2, 1, 0};
    // items 0, 1 -> g0; 2, 3 -> g1; 4 -> g2; 5 in none
    private static final PopularityGroups GROUPS = PopularityGroups.of(new int[] {0, 0, 1, 1, 2, N}, POPULARITY);
    // u0 holds out {0, 3}, u1 holds out {4}
    private static final Interactions HELD = TestData.of(2, 6, new int[][] {{0, 0}, {0, 3}, {1, 4}});
    private static final int[][] LISTS = {{0, 1, 2}, {3, 4, 5}};

    private static double[] run(SystemMetric m, int... users) {
        JudgedList judged = new JudgedList(HELD);
        for (int u : users) {
            m.accumulate(judged.judge(u, LISTS[u]));
        }
        return m.result();
    }

    @Test
    void groupShareCountsTheSlotsOfItemsInAGroup() {
        // top-2 slots: u0 [0, 1] -> g0, g0; u1 [3, 4] -> g1, g2
        assertThat(run(new GroupShare(GROUPS, 2), 0, 1)).containsExactly(0.5, 0.25, 0.25);
        // top-3: u1's item 5 belongs to no group and is not counted
        assertThat(run(new GroupShare(GROUPS, 3), 0, 1)).containsExactly(new double[] {2.0 / 5, 2.0 / 5, 1.0 / 5}, within(1e-15));
        assertThat(new GroupShare(GROUPS, 2).result()).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void averagePopularityCoverageAndGiniOfExposure() {
        // ARP@2: u0 (5 + 4) / 2, u1 (2 + 1) / 2
        assertThat(run(new AveragePopularity(POPULARITY, 2), 0, 1)).containsExactly(3.0);
        // exposure@2 {1, 1, 0, 1, 1, 0}: 4 of 6 items covered; sorted 0 0 1 1 1 1 -> G = (-1 + 1 + 3 + 5) / (6 * 4)
        assertThat(run(new Coverage(6, 2), 0, 1)).containsExactly(4.0 / 6);
        assertThat(run(new ExposureGini(6, 2), 0, 1)).containsExactly(new double[] {1.0 / 3}, within(1e-15));
        assertThat(run(new ExposureGini(6, 3), 0, 1)).containsExactly(0.0);
    }

    @Test
    void absentUsersCountOnceWhenPartialMeansAreCombined() {
        // recall@2 of u0 (1/2) and u1 (1) over 2 + 3 users, accumulated in two halves and combined
        MeanOverUsers whole = new MeanOverUsers(MetricName.RECALL.at(2), new Recall(2), MeanOverUsers.Denominator.ALL_USERS, 3);
        MeanOverUsers second = whole.empty();
        run(whole, 0);
        run(second, 1);
        whole.combine(second);
        assertThat(whole.value()).isEqualTo(1.5 / 5);
        GroupMeans groups = new GroupMeans(MetricName.GROUP_RECALL.at(2), 3, g -> new GroupRecall(GROUPS, g, 2), 2);
        GroupMeans other = groups.empty();
        run(groups, 0);
        run(other, 1);
        groups.combine(other);
        // u0: g0 1 of 1 (item 0), g1 0 of 1 (item 3); u1: g2 1 of 1 (item 4); over 2 + 2 users
        assertThat(groups.result()).containsExactly(1.0 / 4, 0.0, 1.0 / 4);
    }

    @Test
    void meansDivideByAllUsersOrByTheUsersWhereTheMetricIsDefined() {
        MetricKey key = MetricName.RECALL.at(2);
        // recall@2: u0 1 of 2, u1 1 of 1
        assertThat(run(new MeanOverUsers(key, new Recall(2)), 0, 1)).containsExactly(0.75);
        // recall@2 in g2: u0 has no held-out item there (undefined), u1 hits its only one
        GroupRecall g2 = new GroupRecall(GROUPS, 2, 2);
        assertThat(run(new MeanOverUsers(key, g2, MeanOverUsers.Denominator.ALL_USERS), 0, 1)).containsExactly(0.5);
        assertThat(run(new MeanOverUsers(key, g2, MeanOverUsers.Denominator.DEFINED_USERS), 0, 1)).containsExactly(1.0);
        assertThat(new MeanOverUsers(key, g2, MeanOverUsers.Denominator.DEFINED_USERS).value()).isEqualTo(0.0);
        // per group over all users: g0 u0 1 (u1 undefined), g1 u0 0, g2 u1 1
        GroupMeans groupRecall = new GroupMeans(MetricName.GROUP_RECALL.at(2), 3, g -> new GroupRecall(GROUPS, g, 2));
        assertThat(run(groupRecall, 0, 1)).containsExactly(0.5, 0.0, 0.5);
    }

    @Test
    void partsCombinedInUserOrderEqualOnePass() {
        List<Supplier<SystemMetric>> metrics = List.of(() -> new GroupShare(GROUPS, 2), () -> new AveragePopularity(POPULARITY, 3),
                () -> new Coverage(6, 2), () -> new ExposureGini(6, 3),
                () -> new MeanOverUsers(MetricName.NDCG.at(3), new Ndcg(3)),
                () -> new MeanOverUsers(MetricName.POPULAR_RECALL_GROUP_USERS.at(2), new GroupRecall(GROUPS, 2, 2),
                        MeanOverUsers.Denominator.DEFINED_USERS),
                () -> new GroupMeans(MetricName.GROUP_RECALL.at(2), 3, g -> new GroupRecall(GROUPS, g, 2)));
        for (Supplier<SystemMetric> make : metrics) {
            double[] onePass = run(make.get(), 0, 1);
            SystemMetric first = make.get();
            run(first, 0);
            SystemMetric second = first.empty();
            run(second, 1);
            first.combine(second);
            assertThat(first.result()).as(first.key().toString()).containsExactly(onePass);
            assertThat(first.empty().key()).isEqualTo(first.key());
        }
    }

    @Test
    void onlyTheSameMetricCombines() {
        SystemMetric coverage = new Coverage(6, 2);
        assertThatThrownBy(() -> coverage.combine(new Coverage(6, 3))).hasMessageContaining("cannot combine coverage@2")
                .hasMessageContaining("coverage@3");
        assertThatThrownBy(() -> coverage.combine(new ExposureGini(6, 2))).hasMessageContaining("ExposureGini");
        assertThatThrownBy(() -> new MeanOverUsers(MetricName.GROUP_SHARE.at(2), new Recall(2))).hasMessageContaining("per-group");
        assertThatThrownBy(() -> new GroupMeans(MetricName.RECALL.at(2), 2, g -> new Recall(2))).hasMessageContaining("scalar");
    }
}
