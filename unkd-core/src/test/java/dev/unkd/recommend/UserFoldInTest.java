package dev.unkd.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.MostPopular;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserFoldInTest {
    private static final int ITEMS = 400;
    private static final int DIM = 8;

    /** 3 users with random rows over 400 random items: user 0 plays the "true" preference. */
    private static FactorScorer model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] users = new float[3 * DIM];
        float[] items = new float[ITEMS * DIM];
        for (int k = 0; k < users.length; k++) {
            users[k] = (float) rng.nextGaussian();
        }
        for (int k = 0; k < items.length; k++) {
            items[k] = (float) (rng.nextGaussian() * 0.5);
        }
        return new FactorScorer(new EmbeddingTable(3, DIM, users), new EmbeddingTable(ITEMS, DIM, items));
    }

    private static int[] topOf(FactorScorer f, float[] u, int k, int[] exclude) {
        Recommender rec = Recommender.unfiltered(f);
        return rec.recommendFor(u, k, exclude, new Recommender.Scratch());
    }

    @Test
    void theFoldedInVectorRanksLikeTheUserWhoseTopItemsItWasGiven() {
        FactorScorer f = model(5);
        float[] truth = Arrays.copyOfRange(f.userEmbeddings(), 0, DIM);
        int[] history = topOf(f, truth, 15, new int[0]);
        UserFoldIn foldIn = new UserFoldIn(f, 0.01, 256, 7);
        float[] u = foldIn.foldIn(history);
        int[] expected = topOf(f, truth, 20, history);
        int[] got = topOf(f, u, 20, history);
        long common = Arrays.stream(got).filter(i -> IntStream.of(expected).anyMatch(x -> x == i)).count();
        assertThat(common).as("overlap of top-20 with the true user's").isGreaterThanOrEqualTo(12);
        assertThat(got).doesNotContain(history);
    }

    @Test
    void itMinimisesTheBprObjectiveWithL2() {
        FactorScorer f = model(9);
        UserFoldIn foldIn = new UserFoldIn(f, 0.05, 128, 1);
        int[] history = {3, 17, 42, 99, 250};
        float[] u = foldIn.foldIn(history);
        double best = foldIn.loss(u, history);
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < 50; t++) {
            float[] v = u.clone();
            for (int d = 0; d < DIM; d++) {
                v[d] += (float) (rng.nextGaussian() * 0.01);
            }
            assertThat(foldIn.loss(v, history)).isGreaterThanOrEqualTo(best - 1e-9);
        }
        assertThat(foldIn.loss(new float[DIM], history)).isGreaterThan(best);
    }

    @Test
    void historiesFoldInDeterministicallyWhateverTheirOrderAndDuplicates() {
        FactorScorer f = model(11);
        UserFoldIn foldIn = new UserFoldIn(f, 0.01, 64, 3);
        assertThat(foldIn.foldIn(new int[] {5, 1, 9})).containsExactly(foldIn.foldIn(new int[] {1, 9, 9, 5}));
        assertThat(new UserFoldIn(f, 0.01, 64, 3).foldIn(new int[] {1, 5, 9})).containsExactly(foldIn.foldIn(new int[] {9, 5, 1}));
    }

    @Test
    void anEmptyHistoryIsTheZeroVectorAndBadIndicesAreRefused() {
        FactorScorer f = model(13);
        UserFoldIn foldIn = new UserFoldIn(f, 0.01, 2000, 3); // more negatives than items: all of them
        assertThat(foldIn.foldIn(new int[0])).containsOnly(0f);
        assertThat(foldIn.foldIn(IntStream.range(0, ITEMS).toArray())).containsOnly(0f);
        assertThatThrownBy(() -> foldIn.foldIn(new int[] {ITEMS})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> new UserFoldIn(f, -1, 10, 1)).hasMessageContaining("Invalid decay");
    }

    @Test
    void recommendForATrainedUsersRowEqualsRecommendForTheUser() {
        FactorScorer f = model(17);
        Interactions seen = Interactions.of(3, ITEMS, new int[] {0, 0, 1}, new int[] {4, 8, 2});
        Recommender rec = new Recommender(f, seen);
        Recommender.Scratch scratch = new Recommender.Scratch();
        int[] byUser = rec.recommend(0, 30, new int[0], scratch);
        float[] row = Arrays.copyOfRange(f.userEmbeddings(), 0, DIM);
        assertThat(rec.recommendFor(row, 30, seen.itemsOf(0), scratch)).containsExactly(byUser);
        assertThatThrownBy(() -> Recommender.unfiltered(new MostPopular(seen)).recommendFor(row, 3, new int[0], scratch))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no item embeddings");
    }
}
