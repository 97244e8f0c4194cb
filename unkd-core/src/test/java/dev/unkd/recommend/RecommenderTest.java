package dev.unkd.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.MostPopular;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecommenderTest {
    private static final Dataset DATA = TestData.clustered(90, 60, 8, 5);
    private static final int[] NONE = new int[0];

    /** The definition: candidates not seen and not excluded, by score descending then index, the first k. */
    static int[] bruteForce(Scorer scorer, Interactions seen, int u, int k, int[] exclude, int[] candidates) {
        List<Integer> eligible = new ArrayList<>();
        for (int i : candidates) {
            int item = i;
            if ((seen == null || !seen.contains(u, i)) && Arrays.stream(exclude).noneMatch(x -> x == item)
                    && scorer.score(u, i) > Float.NEGATIVE_INFINITY) {
                eligible.add(i);
            }
        }
        eligible.sort(Comparator.<Integer>comparingDouble(i -> -scorer.score(u, i)).thenComparingInt(i -> i));
        return eligible.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    /** Scores with many ties, some -Infinity and NaN, to exercise tie-breaking and eligibility. */
    private static Scorer tied() {
        return new Scorer() {
            public int numUsers() {
                return DATA.numUsers();
            }

            public int numItems() {
                return DATA.numItems();
            }

            public float score(int u, int i) {
                int r = (u * 31 + i * 17) % 7;
                return r == 0 ? Float.NEGATIVE_INFINITY : r == 1 ? Float.NaN : r == 2 ? -0.0f : r / 2;
            }
        };
    }

    @Test
    void oneUserGetsTheBestUnseenItemsWithTheirScores() {
        Scorer mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 6, new SplittableRandom(3)).scorer();
        for (Scorer scorer : List.of(mf, tied())) {
            Recommender rec = new Recommender(scorer, DATA.train());
            Recommender.Scratch scratch = new Recommender.Scratch();
            for (int u = 0; u < DATA.numUsers(); u++) {
                int[] exclude = {u % DATA.numItems(), (u * 7) % DATA.numItems()};
                for (int k : new int[] {1, 5, 100}) {
                    int[] items = rec.recommend(u, k, exclude, scratch);
                    assertThat(items).as("user %d k %d", u, k).containsExactly(bruteForce(scorer, DATA.train(), u, k, exclude, all(60)));
                    float[] scores = scratch.row(rec.numItems());
                    for (int item : items) {
                        assertThat(scores[item]).isEqualTo(scorer.score(u, item));
                    }
                }
            }
        }
    }

    @Test
    void candidateSetsRankOnlyTheirItems() {
        Scorer scorer = tied();
        Recommender rec = new Recommender(scorer, DATA.train());
        Recommender.Scratch scratch = new Recommender.Scratch();
        int[] odd = IntStream.range(0, 60).filter(i -> i % 2 == 1).toArray();
        for (int u = 0; u < DATA.numUsers(); u++) {
            for (int k : new int[] {1, 4, 40}) {
                assertThat(rec.recommendAmong(u, odd, k, scratch)).containsExactly(bruteForce(scorer, DATA.train(), u, k, NONE, odd));
                // all items as candidates: the quickselect path agrees with the heap
                assertThat(rec.recommendAmong(u, all(60), k, scratch)).containsExactly(rec.recommend(u, k, NONE, scratch));
            }
            assertThat(rec.recommendAmong(u, NONE, 3, scratch)).isEmpty();
        }
    }

    @Test
    void manyUsersInParallelBlocksEqualOneAtATime() {
        Scorer mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 6, new SplittableRandom(4)).scorer();
        Recommender rec = new Recommender(mf, DATA.train());
        int[] users = IntStream.range(0, 50).map(q -> (q * 7) % DATA.numUsers()).toArray();
        Recommender.Scratch scratch = new Recommender.Scratch();
        int[][] expected = Arrays.stream(users).mapToObj(u -> rec.recommend(u, 10, NONE, scratch)).toArray(int[][]::new);
        for (int threads : new int[] {1, 3}) {
            try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
                for (int block : new int[] {1, 4, 64}) {
                    assertThat(rec.recommend(users, 10, block, executor)).isDeepEqualTo(expected);
                    float[][] scores = new float[users.length][];
                    int[][] lists = new int[users.length][];
                    rec.recommendEach(users, 10, block, executor, (b, items, row) -> {
                        lists[b] = items;
                        scores[b] = new float[items.length];
                        for (int r = 0; r < items.length; r++) {
                            scores[b][r] = row[items[r]];
                        }
                    });
                    assertThat(lists).isDeepEqualTo(expected);
                    for (int b = 0; b < users.length; b++) {
                        for (int r = 0; r < lists[b].length; r++) {
                            assertThat(scores[b][r]).isEqualTo(mf.score(users[b], lists[b][r]));
                        }
                    }
                }
            }
        }
    }

    @Test
    void unfilteredRecommendsSeenItemsToo() {
        MostPopular popular = new MostPopular(DATA.train());
        Recommender rec = Recommender.unfiltered(popular);
        Recommender.Scratch scratch = new Recommender.Scratch();
        int[] top = rec.recommend(0, 5, NONE, scratch);
        assertThat(top).containsExactly(bruteForce(popular, null, 0, 5, NONE, all(60)));
        assertThat(rec.recommend(0, 5, new int[] {top[0]}, scratch)).doesNotContain(top[0]).startsWith(top[1]);
    }

    @Test
    void aScratchGrowsForLargerCatalogues() {
        Recommender.Scratch scratch = new Recommender.Scratch();
        float[] small = scratch.row(10);
        assertThat(scratch.row(5)).isSameAs(small);
        assertThat(scratch.row(11)).hasSizeGreaterThanOrEqualTo(11);
        float[][] rows = scratch.rows(4, 10);
        assertThat(scratch.rows(2, 10)).isSameAs(rows);
        assertThat(scratch.rows(4, 20)[0]).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void rejectsAModelOfTheWrongShapeAndBadArguments() {
        Scorer small = MatrixFactorization.initialise(DATA.numUsers(), 5, 2, new SplittableRandom(1)).scorer();
        assertThatThrownBy(() -> new Recommender(small, DATA.train()))
                .hasMessageContaining("model has 90 users x 5 items, data has 90 x 60");
        Recommender rec = new Recommender(tied(), DATA.train());
        Recommender.Scratch scratch = new Recommender.Scratch();
        assertThatThrownBy(() -> rec.recommend(0, 0, NONE, scratch)).hasMessageContaining("Invalid k: 0");
        assertThatThrownBy(() -> rec.recommendAmong(0, all(60), 0, scratch)).hasMessageContaining("Invalid k: 0");
        assertThatThrownBy(() -> rec.recommend(new int[] {0}, 3, 0, new ChunkedExecutor(1))).hasMessageContaining("Invalid block: 0");
    }
}
