package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.LightGcn;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.MostPopular;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.recommend.Recommender;
import dev.unkd.recommend.UserFoldIn;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/recommendations with {"items": [...]}, its bad inputs, the balanced fallback and the served-slot counters. */
class FoldInAndExposureTest {
    @TempDir
    Path dir;

    private Dataset data;
    private Path model;
    private final List<RecommendationServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        data = ServeFixture.writeSplit(dir.resolve("split"));
        model = ServeFixture.saveModel(data, dir.resolve("a.unkd"), 4, 1);
    }

    @AfterEach
    void stop() {
        servers.forEach(RecommendationServer::close);
    }

    private TestHttp start(RecommendationService service, ServiceLimits limits) {
        RecommendationServer server = new RecommendationServer(service, limits).start("127.0.0.1", 0);
        servers.add(server);
        return new TestHttp(server.port());
    }

    private static List<String> items(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(e -> ids.add(e.get("item").asText()));
        return ids;
    }

    @Test
    void anAnonymousUsersItemsAreFoldedInAndExcluded() throws IOException {
        RecommendationService service = RecommendationService.open(model, data);
        TestHttp http = start(service, ServiceLimits.defaults());
        HttpResponse<String> r = http.post("/v1/recommendations", "{\"items\": [\"i0\", \"i2\", \"nope\"], \"k\": 5, \"exclude\": [\"i7\"]}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(r);
        assertThat(body.get("k").asInt()).isEqualTo(5);
        assertThat(body.get("modelVersion").asText()).startsWith("a.unkd@");
        assertThat(body.get("unknownItems")).hasSize(1);
        assertThat(body.get("unknownItems").get(0).asText()).isEqualTo("nope");
        assertThat(body.has("users")).isFalse();
        List<String> got = items(body);
        assertThat(got).hasSize(5).doesNotContain("i0", "i2", "i7");

        // the same as the library: fold in, then rank with the history and the exclusions excluded
        ServingSnapshot s = service.snapshot();
        int[] history = {0, 2};
        float[] u = s.foldIn().orElseThrow().foldIn(history);
        int[] expected = s.recommender().recommendFor(u, 5, new int[] {0, 2, 7}, new Recommender.Scratch());
        assertThat(got).isEqualTo(Arrays.stream(expected).mapToObj(data.items()::id).toList());
        FactorScorer f = (FactorScorer) s.scorer();
        float[] row = new float[data.numItems()];
        f.scoreVector(u, row);
        body.get("items").forEach(e -> assertThat(e.get("score").floatValue()).isEqualTo(row[data.items().indexOf(e.get("item").asText())]));
    }

    @Test
    void badFoldInRequestsGetClearJsonErrors() throws IOException {
        TestHttp http = start(RecommendationService.open(model, data), ServiceLimits.defaults());
        HttpResponse<String> both = http.post("/v1/recommendations", "{\"users\": [\"alice\"], \"items\": [\"i0\"]}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(both).get("error").asText()).contains("not both");

        HttpResponse<String> empty = http.post("/v1/recommendations", "{\"items\": []}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(empty).get("error").asText()).contains("'items' is empty");

        HttpResponse<String> notArray = http.post("/v1/recommendations", "{\"items\": \"i0\"}");
        assertThat(notArray.statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = http.post("/v1/recommendations", "{\"items\": [\"x1\", \"x2\"]}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        JsonNode u = TestHttp.json(unknown);
        assertThat(u.get("error").asText()).isEqualTo("none of the given items is known to the model");
        assertThat(u.get("status").asInt()).isEqualTo(422);
        assertThat(u.get("unknownItems")).hasSize(2);

        HttpResponse<String> badK = http.post("/v1/recommendations", "{\"items\": [\"i0\"], \"k\": 0}");
        assertThat(badK.statusCode()).isEqualTo(400);

        // k above the catalogue (10 items): the list holds every item not excluded, documented as "may be shorter than k"
        HttpResponse<String> big = http.post("/v1/recommendations", "{\"items\": [\"i0\", \"i1\"], \"k\": 50}");
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(big).get("items")).hasSize(8);
        assertThat(TestHttp.json(big).get("k").asInt()).isEqualTo(50);

        ServiceLimits small = new ServiceLimits(20, 1000, 2, 1 << 20, Fallback.NONE, java.util.Optional.empty());
        TestHttp capped = start(RecommendationService.open(model, data), small);
        assertThat(capped.post("/v1/recommendations", "{\"items\": [\"i0\", \"i1\", \"i2\"]}").statusCode()).isEqualTo(400);
    }

    @Test
    void aModelWithoutItemEmbeddingsAnswers501AndCannotBeIndexed() {
        MostPopular popular = new MostPopular(data.train());
        ServingSnapshot s = new ServingSnapshot("pop@0", model, "popular", data, popular, popular);
        RecommendationService service = new RecommendationService(s, f -> s);
        TestHttp http = start(service, ServiceLimits.defaults());
        HttpResponse<String> r = http.post("/v1/recommendations", "{\"items\": [\"i0\"]}");
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(TestHttp.json(r).get("error").asText()).contains("no item embeddings");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RecommendationService(s, f -> s, java.time.Duration.ofSeconds(5),
                IndexChoice.HNSW, MipsIndex.Settings.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--index hnsw needs item embeddings");
        assertThat(new RecommendationService(s, f -> s, java.time.Duration.ofSeconds(5), IndexChoice.AUTO, MipsIndex.Settings.defaults())
                .snapshot().index()).isEmpty();
    }

    @Test
    void theBalancedFallbackServesEveryPopularityGroupInTurn() throws IOException {
        RecommendationService service = RecommendationService.open(model, data);
        TestHttp http = start(service, ServiceLimits.defaults().withFallback(Fallback.BALANCED));
        JsonNode body = TestHttp.json(http.get("/v1/users/stranger/recommendations?k=4"));
        assertThat(body.get("fallback").asText()).isEqualTo("balanced");
        ServedExposure exposure = service.exposure();
        dev.unkd.data.PopularityGroups groups = dev.unkd.data.PopularityGroups.split(data.train(), ServedExposure.GROUPS, true);
        List<Integer> seen = new ArrayList<>();
        for (String id : items(body)) {
            seen.add(groups.groupOf(data.items().indexOf(id)));
        }
        // the first items come from different groups: groups 0, 1, ... in turn
        assertThat(seen.subList(0, Math.min(groups.numGroups(), seen.size()))).doesNotHaveDuplicates();
        assertThat(exposure.numGroups()).isEqualTo(groups.numGroups());

        TestHttp popular = start(RecommendationService.open(model, data), ServiceLimits.defaults().withFallbackPopular(true));
        assertThat(TestHttp.json(popular.get("/v1/users/stranger/recommendations?k=4")).get("fallback").asText()).isEqualTo("popular");
    }

    @Test
    void metricsCountServedSlotsPerPopularityGroup() throws IOException {
        RecommendationService service = RecommendationService.open(model, data);
        TestHttp http = start(service, ServiceLimits.defaults());
        http.get("/v1/users/alice/recommendations?k=3");
        http.post("/v1/recommendations", "{\"users\": [\"bob\", \"carol\", \"nobody\"], \"k\": 2}");
        http.post("/v1/recommendations", "{\"items\": [\"i4\"], \"k\": 4}");
        http.get("/v1/items/i1/similar?k=5"); // item similarity is not a recommendation to a user: not counted
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("# TYPE unkd_served_slots_total counter");
        Matcher m = Pattern.compile("unkd_served_slots_total\\{group=\"(\\d+)\"} (\\d+)").matcher(metrics);
        long total = 0;
        int groups = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(2));
            groups++;
        }
        assertThat(groups).isEqualTo(service.exposure().numGroups()).isGreaterThan(1);
        assertThat(total).isEqualTo(3 + 2 + 2 + 4);
    }

    @Test
    void metricsReportTheIndexRecallAndBuildTimeOnlyWhenAnIndexServes() throws IOException {
        String exact = start(RecommendationService.open(model, data), ServiceLimits.defaults()).get("/metrics").body();
        assertThat(exact).doesNotContain("unkd_index_recall");
        String indexed = start(RecommendationService.open(model, data, IndexChoice.HNSW, MipsIndex.Settings.defaults()), ServiceLimits.defaults())
                .get("/metrics").body();
        assertThat(indexed).contains("# TYPE unkd_index_recall gauge", "unkd_index_recall 1.0\n", "# TYPE unkd_index_build_seconds gauge");
    }

    @Test
    void aLightGcnModelFoldsInOverItsPropagatedItemEmbeddings() throws IOException {
        LightGcn gcn = LightGcn.initialise(data.train(), 4, 2, 1.0, new SplittableRandom(3), new ChunkedExecutor(1));
        Path file = dir.resolve("gcn.unkd");
        ModelFile.save(Models.toSaved(gcn, data, Map.of("seed", 3L, "decay", 0.01)), file);
        RecommendationService service = RecommendationService.open(file, data);
        ServingSnapshot s = service.snapshot();
        FactorScorer propagated = (FactorScorer) gcn.scorer();
        FactorScorer raw = new FactorScorer(gcn.userTable(), gcn.itemTable());
        int[] history = {0, 2, 4};
        float[] got = s.foldIn().orElseThrow().foldIn(history);
        assertThat(got).containsExactly(new UserFoldIn(propagated, 0.01, UserFoldIn.DEFAULT_NEGATIVES, 2022).foldIn(history));
        assertThat(got).isNotEqualTo(new UserFoldIn(raw, 0.01, UserFoldIn.DEFAULT_NEGATIVES, 2022).foldIn(history));
        // the served list ranks the propagated items by the folded-in vector, the history excluded
        FactorScorer folded = new FactorScorer(new EmbeddingTable(1, 4, got), new EmbeddingTable(data.numItems(), 4, propagated.itemEmbeddings()));
        assertThat(service.foldIn(s, history, 4, new int[0]).items())
                .containsExactly(ServeFixture.bruteForce(folded, Interactions.empty(1, data.numItems()), 0, 4, history));
    }
}
