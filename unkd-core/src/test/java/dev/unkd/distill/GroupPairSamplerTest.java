package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupPairSamplerTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);

    /** Teacher score -item: the teacher's rank of an item is its position among the eligible items. */
    private static Scorer byIndex(int users, int items) {
        return new Scorer() {
            @Override
            public int numUsers() {
                return users;
            }

            @Override
            public int numItems() {
                return items;
            }

            @Override
            public float score(int user, int item) {
                return -item;
            }
        };
    }

    @Test
    void ranksOfSampledPairsFollowTheTwoDrawLaw() {
        for (TieRedraw rule : TieRedraw.values()) {
            for (int items : new int[] {1500, 12}) {
                int users = 2000;
                int perUser = items > 100 ? 50 : 8;
                Interactions none = Interactions.empty(users, items);
                TeacherRanking ranking = TeacherRanking.plain(byIndex(users, items), none, 1000, ONE);
                int len = Math.min(1000, items);
                ExponentialRankLaw law = new ExponentialRankLaw(20);
                GroupPairSampler sampler = new GroupPairSampler(ranking, new int[] {perUser}, law, rule);
                RankedPairs pairs = sampler.sample(2022, ONE);
                long[] better = new long[len];
                long[] worse = new long[len];
                for (int u = 0; u < users; u++) {
                    assertThat(pairs.count(u)).isEqualTo(perUser);
                    for (int k = 0; k < pairs.count(u); k++) {
                        better[pairs.better(u, k)]++; // item index = rank here
                        worse[pairs.worse(u, k)]++;
                    }
                }
                double[][] expected = ChiSquare.twoDrawMarginals(law, len);
                double[] chiBetter = ChiSquare.statistic(better, expected[0]);
                double[] chiWorse = ChiSquare.statistic(worse, expected[1]);
                assertThat(chiBetter[0]).as("better ranks, %s, %d items", rule, items).isLessThan(ChiSquare.critical(chiBetter[1]));
                assertThat(chiWorse[0]).as("worse ranks, %s, %d items", rule, items).isLessThan(ChiSquare.critical(chiWorse[1]));
                if (items > 100) { // the test has the power to tell mu = 20 from mu = 18
                    double[] wrong = ChiSquare.statistic(better, ChiSquare.twoDrawMarginals(new ExponentialRankLaw(18), len)[0]);
                    assertThat(wrong[0]).isGreaterThan(ChiSquare.critical(wrong[1]));
                }
            }
        }
    }

    @Test
    void pairsStayInOneGroupAvoidPositivesAndNeverTie() {
        int users = 300;
        int items = 400;
        Interactions train = DistillFixtures.powerLaw(users, items, 30, 7);
        for (ZeroPopularityItems zero : ZeroPopularityItems.values()) {
            UnkdConfig config = UnkdConfig.defaults().withCandidates(50).withZeroPopularity(zero);
            PopularityGroups groups = config.popularityGroups(train);
            assertThat(groups.numGroups()).isEqualTo(4);
            Scorer teacher = DistillFixtures.randomEmbeddings(users, items, 8, 1, 3).scorer();
            UnbiasedDistiller distiller = UnbiasedDistiller.prepare(config, teacher, train, groups, ONE);
            RankedPairs pairs = distiller.redraw(1, 11, ONE);
            int zeroSeen = 0;
            for (int u = 0; u < users; u++) {
                Map<Integer, Integer> perGroup = new HashMap<>();
                Map<Integer, Integer> expected = new HashMap<>();
                for (int g = 0; g < groups.numGroups(); g++) {
                    int eligible = 0;
                    for (int i : groups.members(g)) {
                        eligible += train.contains(u, i) ? 0 : 1;
                    }
                    if (eligible >= 2) {
                        expected.put(g, 8); // lists of fewer than 2 items give no pairs
                    }
                }
                for (int k = 0; k < pairs.count(u); k++) {
                    int i = pairs.better(u, k);
                    int j = pairs.worse(u, k);
                    assertThat(i).isNotEqualTo(j);
                    assertThat(groups.groupOf(i)).isNotEqualTo(PopularityGroups.NONE).isEqualTo(groups.groupOf(j));
                    assertThat(train.contains(u, i) || train.contains(u, j)).isFalse();
                    assertThat(teacher.score(u, i)).isGreaterThanOrEqualTo(teacher.score(u, j));
                    perGroup.merge(groups.groupOf(i), 1, Integer::sum);
                    if (train.itemDegree(i) == 0 || train.itemDegree(j) == 0) {
                        zeroSeen++;
                    }
                }
                assertThat(perGroup).isEqualTo(expected);
            }
            if (zero == ZeroPopularityItems.EXCLUDED) {
                assertThat(zeroSeen).isZero();
            } else {
                assertThat(zeroSeen).isPositive();
            }
        }
    }

    @Test
    void shortListsGiveNoPairsAndGroupRedrawDoesNotHang() {
        int users = 3;
        int items = 3;
        // user 0 has seen items 0 and 1: its list is {2} -> no pairs; the others have 2 or 3 items
        Interactions train = Interactions.of(users, items, new int[] {0, 0, 1}, new int[] {0, 1, 0});
        TeacherRanking ranking = TeacherRanking.plain(byIndex(users, items), train, 1000, ONE);
        GroupPairSampler sampler = new GroupPairSampler(ranking, new int[] {30}, new ExponentialRankLaw(20), TieRedraw.GROUP);
        RankedPairs pairs = sampler.sample(5, ONE);
        assertThat(pairs.count(0)).isZero();
        assertThat(pairs.count(1)).isEqualTo(30);
        assertThat(pairs.count(2)).isEqualTo(30);
        for (int k = 0; k < 30; k++) {
            assertThat(pairs.better(1, k)).isEqualTo(1);
            assertThat(pairs.worse(1, k)).isEqualTo(2);
        }
    }

    @Test
    void samplingDoesNotDependOnThreads() {
        Interactions train = DistillFixtures.powerLaw(700, 300, 20, 9);
        UnkdConfig config = UnkdConfig.defaults().withCandidates(100);
        PopularityGroups groups = config.popularityGroups(train);
        Scorer teacher = DistillFixtures.randomEmbeddings(700, 300, 6, 1, 4).scorer();
        try (ChunkedExecutor two = new ChunkedExecutor(2)) {
            UnbiasedDistiller a = UnbiasedDistiller.prepare(config, teacher, train, groups, ONE);
            UnbiasedDistiller b = UnbiasedDistiller.prepare(config, teacher, train, groups, two);
            RankedPairs pa = a.redraw(1, 3, ONE);
            RankedPairs pb = b.redraw(1, 3, two);
            assertThat(pb.betterArray()).isEqualTo(pa.betterArray());
            assertThat(pb.worseArray()).isEqualTo(pa.worseArray());
            assertThat(a.redraw(2, 4, ONE).betterArray()).isNotEqualTo(pa.betterArray()); // a new epoch draws new pairs
        }
    }
}
