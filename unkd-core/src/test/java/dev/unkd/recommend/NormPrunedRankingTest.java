package dev.unkd.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NormPrunedRankingTest {
    private static final int USERS = 300;
    private static final int ITEMS = 3000; // six tiles of 512

    /** Item rows scaled by a log-normal factor, so norms spread as a trained model's do. */
    private static FactorScorer skewed(int dim, DoubleSupplier entry, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] u = new float[USERS * dim];
        float[] v = new float[ITEMS * dim];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) entry.getAsDouble();
        }
        for (int i = 0; i < ITEMS; i++) {
            double scale = Math.exp(rng.nextGaussian());
            for (int d = 0; d < dim; d++) {
                v[i * dim + d] = (float) (scale * entry.getAsDouble());
            }
        }
        return new FactorScorer(new EmbeddingTable(USERS, dim, u), new EmbeddingTable(ITEMS, dim, v));
    }

    private static Interactions randomSeen(int perUser, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> us = new ArrayList<>();
        List<Integer> is = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int n = 0; n < perUser; n++) {
                us.add(u);
                is.add(rng.nextInt(ITEMS));
            }
        }
        return Interactions.of(USERS, ITEMS, us.stream().mapToInt(Integer::intValue).toArray(),
                is.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void assertSameListsAsFullScans(FactorScorer scorer, Interactions seen, int k) {
        Recommender pruned = new Recommender(scorer, seen);
        int[] users = IntStream.range(0, USERS).map(q -> (q * 37) % USERS).toArray();
        try (ChunkedExecutor executor = new ChunkedExecutor(2)) {
            int[][] expected = pruned.exhaustive().recommend(users, k, 16, executor);
            for (int block : new int[] {1, 7, 64}) {
                assertThat(pruned.recommend(users, k, block, executor)).isDeepEqualTo(expected);
            }
        }
    }

    @Test
    void listsEqualFullScansOnSkewedNorms() {
        SplittableRandom rng = new SplittableRandom(3);
        FactorScorer scorer = skewed(10, rng::nextGaussian, 4);
        Interactions seen = randomSeen(40, 5);
        for (int k : new int[] {1, 10, 50}) {
            assertSameListsAsFullScans(scorer, seen, k);
        }
    }

    @Test
    void tiesGoToTheLowerIndexAsInFullScans() {
        // entries in {-1, 0, 1} and integer scales: many equal scores, across tiles too
        SplittableRandom rng = new SplittableRandom(6);
        FactorScorer scorer = skewed(3, () -> rng.nextInt(3) - 1, 7);
        assertSameListsAsFullScans(scorer, randomSeen(5, 8), 20);
        assertSameListsAsFullScans(scorer, Interactions.empty(USERS, ITEMS), 20);
    }

    @Test
    void shortListsWhenTheUserHasSeenAlmostEverything() {
        SplittableRandom rng = new SplittableRandom(9);
        FactorScorer scorer = skewed(4, rng::nextGaussian, 10);
        Interactions seen = randomSeen(6000, 11); // about 86% of the catalogue per user
        assertSameListsAsFullScans(scorer, seen, 600);
        assertSameListsAsFullScans(scorer, seen, ITEMS + 5);
    }

    @Test
    void skewedNormsLeaveMostTilesUnscored() {
        SplittableRandom rng = new SplittableRandom(12);
        FactorScorer scorer = skewed(10, rng::nextGaussian, 13);
        NormPrunedRanking ranking = new NormPrunedRanking(scorer, Interactions.empty(USERS, ITEMS));
        int[] users = IntStream.range(0, USERS).toArray();
        int[][] lists = new int[USERS][];
        ranking.rank(users, 0, USERS, 10, lists);
        int tiles = scorer.normOrdered().tiles();
        assertThat(ranking.tilesScored()).isLessThan((long) USERS * tiles / 2).isGreaterThanOrEqualTo(USERS);
    }

    @Test
    void theNormOrderIsAPermutationSortedByNorm() {
        SplittableRandom rng = new SplittableRandom(14);
        FactorScorer scorer = skewed(5, rng::nextGaussian, 15);
        var order = scorer.normOrdered();
        assertThat(scorer.normOrdered()).isSameAs(order);
        boolean[] hit = new boolean[ITEMS];
        float[] v = scorer.itemEmbeddings();
        for (int p = 0; p < ITEMS; p++) {
            int item = order.item(p);
            hit[item] = true;
            assertThat(order.position(item)).isEqualTo(p);
            if (p > 0) {
                assertThat(order.norm(v, item * 5)).isLessThanOrEqualTo(order.norm(v, order.item(p - 1) * 5));
            }
        }
        assertThat(hit).doesNotContain(false);
    }

    @Test
    void noScoreExceedsItsTilesBoundEvenForItemsParallelToTheUser() {
        int dim = 7;
        SplittableRandom rng = new SplittableRandom(16);
        float[] u = new float[USERS * dim];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rng.nextGaussian();
        }
        float[] v = new float[ITEMS * dim];
        for (int i = 0; i < ITEMS; i++) { // item i is a multiple of user (i % USERS): cosine 1, the bound's worst case
            float c = (float) (0.5 + rng.nextDouble());
            for (int d = 0; d < dim; d++) {
                v[i * dim + d] = c * u[(i % USERS) * dim + d];
            }
        }
        FactorScorer scorer = new FactorScorer(new EmbeddingTable(USERS, dim, u), new EmbeddingTable(ITEMS, dim, v));
        var order = scorer.normOrdered();
        for (int user = 0; user < USERS; user++) {
            double norm = order.norm(u, user * dim);
            for (int p = 0; p < ITEMS; p++) {
                assertThat((double) scorer.score(user, order.item(p))).isLessThanOrEqualTo(order.scoreBound(norm, p / FactorScorer.TILE));
            }
        }
        assertSameListsAsFullScans(scorer, randomSeen(3, 17), 5);
    }
}
