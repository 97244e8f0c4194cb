package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TeacherRankingTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);

    /** The definition: eligible items of the group sorted by (score desc, index asc), -Inf dropped, first depth. */
    static int[] bruteForce(Scorer teacher, Interactions train, int[] members, int u, int depth) {
        List<Integer> eligible = new ArrayList<>();
        for (int i : members) {
            if (!train.contains(u, i) && teacher.score(u, i) > Float.NEGATIVE_INFINITY) {
                eligible.add(i);
            }
        }
        eligible.sort(Comparator.<Integer>comparingDouble(i -> -teacher.score(u, i)).thenComparingInt(i -> i));
        return eligible.stream().limit(depth).mapToInt(Integer::intValue).toArray();
    }

    private static void assertMatchesBruteForce(Scorer teacher, Interactions train, PopularityGroups groups, int depth,
            TeacherRanking ranking) {
        for (int u = 0; u < train.numUsers(); u++) {
            for (int g = 0; g < groups.numGroups(); g++) {
                assertThat(ranking.list(u, g)).as("user %d group %d", u, g)
                        .containsExactly(bruteForce(teacher, train, groups.members(g), u, depth));
            }
        }
    }

    @Test
    void groupedListsEqualASortPerUserAndGroup() {
        int users = 70;
        int items = 120;
        Interactions train = DistillFixtures.powerLaw(users, items, 25, 5);
        PopularityGroups groups = PopularityGroups.split(train, 4, false);
        Scorer tied = DistillFixtures.tiedScorer(users, items, 3);
        for (int depth : new int[] {1, 5, 1000}) {
            assertMatchesBruteForce(tied, train, groups, depth, TeacherRanking.grouped(tied, train, groups, depth, ONE));
        }
        Scorer mf = DistillFixtures.randomEmbeddings(users, items, 5, 1, 8).scorer();
        assertMatchesBruteForce(mf, train, groups, 7, TeacherRanking.grouped(mf, train, groups, 7, ONE));
    }

    @Test
    void plainListsRankAllUnobservedItems() {
        int users = 40;
        int items = 90;
        Interactions train = DistillFixtures.powerLaw(users, items, 20, 6);
        Scorer tied = DistillFixtures.tiedScorer(users, items, 4);
        int[] all = java.util.stream.IntStream.range(0, items).toArray();
        TeacherRanking plain = TeacherRanking.plain(tied, train, 30, ONE);
        assertThat(plain.numGroups()).isEqualTo(1);
        for (int u = 0; u < users; u++) {
            assertThat(plain.list(u, 0)).containsExactly(bruteForce(tied, train, all, u, 30));
        }
    }

    @Property(tries = 40)
    void anyShapeMatchesBruteForce(@ForAll @IntRange(min = 1, max = 40) int users, @ForAll @IntRange(min = 1, max = 60) int items,
            @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 30) int depth,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Interactions train = DistillFixtures.powerLaw(users, items, 6, seed);
        PopularityGroups groups = PopularityGroups.split(train, k, seed % 2 == 0);
        Scorer tied = DistillFixtures.tiedScorer(users, items, seed);
        assertMatchesBruteForce(tied, train, groups, depth, TeacherRanking.grouped(tied, train, groups, depth, ONE));
    }

    @Test
    void resultDoesNotDependOnThreads() {
        int users = 333;
        int items = 500;
        Interactions train = DistillFixtures.powerLaw(users, items, 30, 2);
        PopularityGroups groups = PopularityGroups.split(train, 4, false);
        Scorer mf = DistillFixtures.randomEmbeddings(users, items, 16, 1, 2).scorer();
        try (ChunkedExecutor two = new ChunkedExecutor(2)) {
            TeacherRanking a = TeacherRanking.grouped(mf, train, groups, 100, ONE);
            TeacherRanking b = TeacherRanking.grouped(mf, train, groups, 100, two);
            assertThat(b.itemArray()).isEqualTo(a.itemArray());
            for (int u = 0; u < users; u++) {
                for (int g = 0; g < 4; g++) {
                    assertThat(b.length(u, g)).isEqualTo(a.length(u, g));
                }
            }
        }
    }

    @Test
    void rejectsMismatchedTeacherAndBadDepth() {
        Interactions train = DistillFixtures.powerLaw(10, 20, 5, 1);
        Scorer small = DistillFixtures.tiedScorer(10, 19, 1);
        assertThatThrownBy(() -> TeacherRanking.plain(small, train, 10, ONE)).hasMessageContaining("19 items");
        Scorer ok = DistillFixtures.tiedScorer(10, 20, 1);
        assertThatThrownBy(() -> TeacherRanking.plain(ok, train, 0, ONE)).hasMessageContaining("depth");
        assertThatThrownBy(() -> TeacherRanking.compute(ok, train, new int[][] {{3, 2}}, 5, ONE)).hasMessageContaining("ascending");
    }
}
