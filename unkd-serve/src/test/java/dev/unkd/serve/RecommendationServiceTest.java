package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.ModelFileException;
import dev.unkd.model.MostPopular;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationServiceTest {
    @TempDir
    Path dir;

    private Dataset data;
    private Path modelA;
    private RecommendationService service;

    @BeforeEach
    void setUp() throws IOException {
        data = ServeFixture.writeSplit(dir.resolve("split"));
        modelA = ServeFixture.saveModel(data, dir.resolve("a.unkd"), 4, 1);
        service = RecommendationService.open(modelA, data);
    }

    @Test
    void everyUserGetsTheBruteForceRankingWithoutTrainingItems() {
        ServingSnapshot s = service.snapshot();
        for (int u = 0; u < data.numUsers(); u++) {
            for (int k : new int[] {1, 3, 10}) {
                Recommendation rec = service.recommend(s, u, k, new int[0]);
                assertThat(rec.items()).containsExactly(ServeFixture.bruteForce(s.scorer(), data.train(), u, k));
                for (int r = 0; r < rec.size(); r++) {
                    assertThat(data.train().contains(u, rec.items()[r])).isFalse();
                    assertThat(rec.scores()[r]).isEqualTo(s.scorer().score(u, rec.items()[r]));
                }
                assertThat(rec.fallback()).isFalse();
            }
        }
    }

    @Test
    void manyUsersAtOnceEqualOneAtATime() {
        ServingSnapshot s = service.snapshot();
        int[] users = java.util.stream.IntStream.range(0, 21).map(q -> (q * 3) % data.numUsers()).toArray(); // 2 full blocks and a rest
        int[] exclude = {data.items().indexOf("i5")};
        Recommendation[] many = service.recommendMany(s, users, 4, exclude);
        assertThat(many).hasSize(users.length);
        for (int q = 0; q < users.length; q++) {
            Recommendation one = service.recommend(s, users[q], 4, exclude);
            assertThat(many[q].items()).containsExactly(one.items());
            assertThat(many[q].scores()).containsExactly(one.scores());
        }
        assertThat(service.recommendMany(s, new int[0], 4, exclude)).isEmpty();
    }

    @Test
    void requestedItemsAreExcludedToo() {
        ServingSnapshot s = service.snapshot();
        int[] full = service.recommend(s, 0, 10, new int[0]).items();
        int[] exclude = {full[0], full[2]};
        assertThat(service.recommend(s, 0, 10, exclude).items())
                .containsExactly(ServeFixture.bruteForce(s.scorer(), data.train(), 0, 10, exclude));
    }

    @Test
    void popularFallbackRanksByTrainingDegree() {
        Recommendation rec = service.popular(service.snapshot(), 3, new int[0]);
        // i2 has 3 interactions, i0 has 2; the rest tie at 1 and go by index
        assertThat(Arrays.stream(rec.items()).mapToObj(data.items()::id)).containsExactly("i2", "i0", "i1");
        assertThat(rec.scores()).containsExactly(3f, 2f, 1f);
        assertThat(rec.fallback()).isTrue();
    }

    @Test
    void similarItemsAreRankedByCosineWithoutTheItemItself() {
        ServingSnapshot s = service.snapshot();
        FactorScorer f = (FactorScorer) s.scorer();
        for (int item = 0; item < data.numItems(); item++) {
            Recommendation rec = service.similar(s, item, data.numItems());
            assertThat(rec.items()).hasSize(data.numItems() - 1).doesNotContain(item);
            for (int r = 0; r < rec.size(); r++) {
                assertThat(rec.scores()[r]).isCloseTo((float) cosine(f, item, rec.items()[r]), org.assertj.core.data.Offset.offset(1e-5f));
                if (r > 0) {
                    assertThat(rec.scores()[r]).isLessThanOrEqualTo(rec.scores()[r - 1]);
                }
            }
        }
    }

    private static double cosine(FactorScorer f, int a, int b) {
        float[] q = f.itemEmbeddings();
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < f.dim(); d++) {
            dot += q[a * f.dim() + d] * q[b * f.dim() + d];
            na += q[a * f.dim() + d] * q[a * f.dim() + d];
            nb += q[b * f.dim() + d] * q[b * f.dim() + d];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void reloadSwapsTheModelAndAFailedReloadKeepsTheOldOne() throws IOException {
        String versionA = service.snapshot().version();
        Path modelB = ServeFixture.saveModel(data, dir.resolve("b.unkd"), 4, 2);
        ServingSnapshot b = service.reload(modelB);
        assertThat(service.snapshot()).isSameAs(b);
        assertThat(b.version()).startsWith("b.unkd@").isNotEqualTo(versionA);

        Path corrupt = dir.resolve("corrupt.unkd");
        byte[] bytes = Files.readAllBytes(modelA);
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> service.reload(corrupt)).isInstanceOf(ModelFileException.class).hasMessageContaining("corrupt.unkd");
        assertThat(service.snapshot()).isSameAs(b);
        assertThat(service.reloads()).isEqualTo(1);
        assertThat(service.failedReloads()).isEqualTo(1);
    }

    @Test
    void reReadingAnUnchangedFileKeepsItsVersion() throws IOException {
        String before = service.snapshot().version();
        assertThat(service.reload().version()).isEqualTo(before);
    }

    @Test
    void aModelOfOtherDataIsRefused() throws IOException {
        java.util.List<String> renamed = data.items().ids().stream().map(id -> "other-" + id).toList();
        Dataset other = new Dataset("other", data.users(), dev.unkd.data.IdMap.of(renamed), data.train(), data.valid(), data.test());
        Path foreign = ServeFixture.saveModel(other, dir.resolve("foreign.unkd"), 4, 3);
        assertThatThrownBy(() -> service.reload(foreign)).hasMessageContaining("trained on other data");
    }

    @Test
    void similarityNeedsItemEmbeddings() {
        MostPopular popular = new MostPopular(data.train());
        ServingSnapshot s = new ServingSnapshot("pop", modelA, "popular", data, popular, popular);
        assertThat(s.itemCosine()).isEmpty();
        assertThatThrownBy(() -> service.similar(s, 0, 3)).hasMessageContaining("no item embeddings");
    }
}
