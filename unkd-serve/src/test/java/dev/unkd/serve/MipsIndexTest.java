package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.MostPopular;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.recommend.Recommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MipsIndexTest {
    @TempDir
    Path dir;

    /** Items with norms spread over 0.2..2 (inner product and cosine rank differently), users Gaussian. */
    static FactorScorer synthetic(int users, int items, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] u = new float[users * dim];
        float[] q = new float[items * dim];
        for (int k = 0; k < u.length; k++) {
            u[k] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < items; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                q[i * dim + d] = (float) rng.nextGaussian();
                norm += q[i * dim + d] * q[i * dim + d];
            }
            double scale = (0.2 + 1.8 * rng.nextDouble()) / Math.sqrt(norm);
            for (int d = 0; d < dim; d++) {
                q[i * dim + d] *= (float) scale;
            }
        }
        return new FactorScorer(new EmbeddingTable(users, dim, u), new EmbeddingTable(items, dim, q));
    }

    private static float[] row(FactorScorer f, int user) {
        return Arrays.copyOfRange(f.userEmbeddings(), user * f.dim(), (user + 1) * f.dim());
    }

    private static double recall(FactorScorer f, MipsIndex index, int users, int k, int excludedPerUser) {
        Recommender exact = Recommender.unfiltered(f);
        Recommender.Scratch scratch = new Recommender.Scratch();
        SplittableRandom rng = new SplittableRandom(4);
        double hits = 0;
        for (int u = 0; u < users; u++) {
            int[] excluded = rng.ints(excludedPerUser, 0, f.numItems()).sorted().distinct().toArray();
            int[] truth = exact.recommend(u, k, excluded, scratch);
            Recommendation got = index.search(row(f, u), k, excluded);
            assertThat(got.items()).hasSize(k).doesNotContain(excluded);
            for (int r = 0; r < got.size(); r++) {
                assertThat(got.scores()[r]).isEqualTo(f.score(u, got.items()[r])); // the model's scores
                if (r > 0) {
                    assertThat(got.scores()[r]).isLessThanOrEqualTo(got.scores()[r - 1]);
                }
            }
            hits += Arrays.stream(got.items()).filter(i -> IntStream.of(truth).anyMatch(t -> t == i)).count();
        }
        return hits / (users * (double) k);
    }

    @Test
    void recallAt20AgainstExactSearchIsHighAtDim10And32() {
        for (int dim : new int[] {10, 32}) {
            FactorScorer f = synthetic(200, 8000, dim, dim);
            MipsIndex index = MipsIndex.build(f, MipsIndex.Settings.defaults().withSearchBeam(dim <= 16 ? 100 : 200));
            assertThat(recall(f, index, 200, 20, 30)).as("recall@20, dim %d", dim).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void theReductionFindsLargeNormItemsThatCosineWouldMiss() {
        // one item is a long vector slightly off the user's direction: the inner product ranks it first, cosine would not
        float[] q = {1, 0, 0.9f, 0.5f, 6, 3, -1, 0};
        FactorScorer f = new FactorScorer(new EmbeddingTable(1, 2, new float[] {1, 0}), new EmbeddingTable(4, 2, q));
        MipsIndex index = MipsIndex.build(f, MipsIndex.Settings.defaults());
        assertThat(index.search(new float[] {1, 0}, 2, new int[0]).items()).containsExactly(2, 0);
        assertThat(index.search(new float[] {1, 0}, 2, new int[] {2}).items()).containsExactly(0, 1);
        assertThat(index.search(new float[] {0, 0}, 2, new int[] {0}).items()).containsExactly(1, 2); // zero vector: ties by index
        assertThat(index.search(new float[] {1, 0}, 10, new int[] {1}).items()).containsExactly(2, 0, 3); // k above the catalogue
    }

    @Test
    void aServiceWithTheIndexServesKnownAndFoldedInUsersAndRebuildsOnReload() throws IOException {
        Dataset data = ServeFixture.writeSplit(dir.resolve("split"));
        Path a = ServeFixture.saveModel(data, dir.resolve("a.unkd"), 4, 1);
        Path b = ServeFixture.saveModel(data, dir.resolve("b.unkd"), 4, 2);
        RecommendationService service = RecommendationService.open(a, data, IndexChoice.HNSW, MipsIndex.Settings.defaults());
        ServingSnapshot s = service.snapshot();
        assertThat(s.index()).isPresent();
        for (int u = 0; u < data.numUsers(); u++) {
            Recommendation rec = service.recommend(s, u, 3, new int[] {9});
            assertThat(rec.items()).containsExactly(ServeFixture.bruteForce(s.scorer(), data.train(), u, 3, 9)); // 10 items: the graph is exact
        }
        assertThat(service.recommendMany(s, new int[] {0, 2}, 3, new int[0])[1].items())
                .containsExactly(ServeFixture.bruteForce(s.scorer(), data.train(), 2, 3));
        assertThat(service.foldIn(s, new int[] {0, 1}, 4, new int[0]).items()).hasSize(4).doesNotContain(0, 1);
        ServingSnapshot next = service.reload(b);
        assertThat(next.index()).isPresent();
        assertThat(next.index().get()).isNotSameAs(s.index().get());
        assertThat(service.recommend(next, 0, 3, new int[0]).items()).containsExactly(ServeFixture.bruteForce(next.scorer(), data.train(), 0, 3));
        assertThat(RecommendationService.open(a, data).snapshot().index()).isEmpty(); // exact by default
        assertThat(RecommendationService.open(a, data, IndexChoice.AUTO, MipsIndex.Settings.defaults()).snapshot().index()).isEmpty();
    }

    /** A snapshot serving {@code f} on data whose training holds item u mod items for every user u. */
    private ServingSnapshot snapshot(FactorScorer f) throws IOException {
        int users = f.numUsers();
        int items = f.numItems();
        int[] us = IntStream.range(0, users).toArray();
        int[] is = IntStream.range(0, users).map(u -> u % items).toArray();
        Interactions train = Interactions.of(users, items, us, is);
        Dataset data = new Dataset("synthetic", IdMap.of(IntStream.range(0, users).mapToObj(u -> "u" + u).toList()),
                IdMap.of(IntStream.range(0, items).mapToObj(i -> "i" + i).toList()), train, Interactions.empty(users, items),
                Interactions.empty(users, items));
        return new ServingSnapshot("synthetic@0", Files.createFile(dir.resolve("m" + System.nanoTime() + ".unkd")), "mf", data, f, new MostPopular(train));
    }

    @Test
    void sampledRecallIsOneForAnExhaustiveSearchAndZeroAgainstTheReversedRanking() {
        FactorScorer f = synthetic(300, 100, 4, 3);
        MipsIndex index = MipsIndex.build(f, MipsIndex.Settings.defaults().withSearchBeam(200)); // beam above the catalogue: exhaustive
        Interactions none = Interactions.empty(300, 100);
        assertThat(IndexRecall.sample(index, f, new Recommender(f, none), none)).isEqualTo(1.0);
        float[] negated = f.userEmbeddings().clone();
        for (int k = 0; k < negated.length; k++) {
            negated[k] = -negated[k];
        }
        FactorScorer reversed = new FactorScorer(new EmbeddingTable(300, 4, negated), new EmbeddingTable(100, 4, f.itemEmbeddings()));
        // the exact lists of the negated users are the bottom 20 of the index's users: disjoint from their top 20
        assertThat(IndexRecall.sample(index, f, new Recommender(reversed, none), none)).isEqualTo(0.0);
    }

    @Test
    void autoKeepsAnIndexOnlyWhenItsSampledRecallReachesTheBarAndHnswAlwaysKeepsIt() throws IOException {
        ServingSnapshot easy = snapshot(synthetic(400, 60, 3, 5));
        ServingSnapshot kept = IndexChoice.AUTO.prepare(easy, MipsIndex.Settings.defaults().withSearchBeam(100), 1);
        assertThat(kept.index()).isPresent();
        assertThat(kept.indexRecall()).isEqualTo(1.0); // beam above the catalogue
        assertThat(IndexChoice.AUTO.prepare(easy, MipsIndex.Settings.defaults(), 61).index()).isEmpty(); // below the catalogue threshold
        assertThat(IndexChoice.EXACT.prepare(easy, MipsIndex.Settings.defaults(), 1).index()).isEmpty();
        // isotropic dim-48 items in a degree-2 graph built with beam 1: far below the bar
        ServingSnapshot hard = snapshot(synthetic(400, 3000, 48, 7));
        MipsIndex.Settings poor = new MipsIndex.Settings(2, 1, 20, 1);
        ServingSnapshot forced = IndexChoice.HNSW.prepare(hard, poor, 1);
        assertThat(forced.index()).isPresent();
        assertThat(forced.indexRecall()).isLessThan(IndexChoice.AUTO_MIN_RECALL);
        ServingSnapshot auto = IndexChoice.AUTO.prepare(hard, poor, 1);
        assertThat(auto.index()).isEmpty();
        assertThat(auto.indexRecall()).isNaN();
    }
}
