package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unkd.data.Dataset;
import dev.unkd.model.MostPopular;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationServerTest {
    private static final String TOKEN = "s3cret";

    @TempDir
    Path dir;

    private Dataset data;
    private Path modelA;
    private final List<RecommendationServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        data = ServeFixture.writeSplit(dir.resolve("split"));
        modelA = ServeFixture.saveModel(data, dir.resolve("a.unkd"), 4, 1);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(RecommendationServer::close);
    }

    private TestHttp start(ServiceLimits limits) throws IOException {
        return start(RecommendationService.open(modelA, data), limits);
    }

    private TestHttp start(RecommendationService service, ServiceLimits limits) {
        RecommendationServer server = new RecommendationServer(service, limits).start("127.0.0.1", 0);
        servers.add(server);
        return new TestHttp(server.port());
    }

    private List<String> items(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(e -> ids.add(e.get("item").asText()));
        return ids;
    }

    private List<String> expected(ServingSnapshot s, String user, int k, int... exclude) {
        int[] ranked = ServeFixture.bruteForce(s.scorer(), data.train(), data.users().indexOf(user), k, exclude);
        return Arrays.stream(ranked).mapToObj(data.items()::id).toList();
    }

    @Test
    void userRecommendationsMatchTheBruteForceRanking() throws IOException {
        RecommendationService service = RecommendationService.open(modelA, data);
        TestHttp http = start(service, ServiceLimits.defaults());
        for (String user : ServeFixture.USERS) {
            HttpResponse<String> r = http.get("/v1/users/" + user + "/recommendations?k=4");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode body = TestHttp.json(r);
            assertThat(body.get("user").asText()).isEqualTo(user);
            assertThat(body.get("k").asInt()).isEqualTo(4);
            assertThat(body.get("modelVersion").asText()).isEqualTo(service.snapshot().version()).startsWith("a.unkd@");
            assertThat(items(body)).isEqualTo(expected(service.snapshot(), user, 4));
            int u = data.users().indexOf(user);
            body.get("items").forEach(e -> assertThat(e.get("score").floatValue())
                    .isEqualTo(service.snapshot().scorer().score(u, data.items().indexOf(e.get("item").asText()))));
        }
    }

    @Test
    void defaultKAndExcludedItems() throws IOException {
        RecommendationService service = RecommendationService.open(modelA, data);
        TestHttp http = start(service, ServiceLimits.defaults());
        List<String> all = items(TestHttp.json(http.get("/v1/users/alice/recommendations")));
        assertThat(all).hasSize(data.numItems() - 3).doesNotContain("i0", "i1", "i2"); // default k 20 > candidates
        List<String> excludable = all.stream().filter(id -> !id.contains(",")).toList(); // the parameter is comma-separated
        HttpResponse<String> r = http.get("/v1/users/alice/recommendations?k=3&exclude=" + excludable.get(0) + ",nonexistent," + excludable.get(1));
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> rest = new ArrayList<>(all);
        rest.removeAll(excludable.subList(0, 2));
        assertThat(items(TestHttp.json(r))).containsExactlyElementsOf(rest.subList(0, 3));
    }

    @Test
    void unknownUserIs404OrPopularWithFallback() throws IOException {
        HttpResponse<String> r = start(ServiceLimits.defaults()).get("/v1/users/zed/recommendations");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(r).get("error").asText()).contains("unknown user 'zed'");
        assertThat(TestHttp.json(r).get("status").asInt()).isEqualTo(404);

        HttpResponse<String> fallback = start(ServiceLimits.defaults().withFallbackPopular(true)).get("/v1/users/zed/recommendations?k=2&exclude=i0");
        assertThat(fallback.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(fallback);
        assertThat(items(body)).containsExactly("i2", "i1");
        assertThat(body.get("fallback").asText()).isEqualTo("popular");

        HttpResponse<String> batch = start(ServiceLimits.defaults().withFallbackPopular(true))
                .post("/v1/recommendations", "{\"users\": [\"zed\", \"alice\"], \"k\": 2}");
        JsonNode results = TestHttp.json(batch).get("results");
        assertThat(items(results.get(0))).containsExactly("i2", "i0");
        assertThat(results.get(0).get("fallback").asText()).isEqualTo("popular");
        assertThat(results.get(1).has("fallback")).isFalse();
    }

    @Test
    void badKIs400() throws IOException {
        TestHttp http = start(ServiceLimits.defaults());
        for (String k : new String[] {"abc", "0", "-3", "1001", "2.5", "99999999999"}) {
            HttpResponse<String> r = http.get("/v1/users/alice/recommendations?k=" + k);
            assertThat(r.statusCode()).as("k=" + k).isEqualTo(400);
            assertThat(TestHttp.json(r).get("error").asText()).contains("k must be an integer from 1 to 1000");
        }
        assertThat(http.get("/v1/users/alice/recommendations?k=1000").statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/items/i0/similar?k=0").statusCode()).isEqualTo(400);
    }

    @Test
    void batchAnswersEveryUserInOrder() throws IOException {
        RecommendationService service = RecommendationService.open(modelA, data);
        TestHttp http = start(service, ServiceLimits.defaults());
        HttpResponse<String> r = http.post("/v1/recommendations", "{\"users\": [\"bob\", \"zed\", \"alice\"], \"k\": 3, \"exclude\": [\"i4\", \"x,y\"]}",
                "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(r);
        assertThat(body.get("k").asInt()).isEqualTo(3);
        assertThat(body.get("modelVersion").asText()).isEqualTo(service.snapshot().version());
        JsonNode results = body.get("results");
        assertThat(results).hasSize(3);
        int i4 = data.items().indexOf("i4");
        int xy = data.items().indexOf("x,y"); // a comma inside an id is fine in the JSON array
        assertThat(results.get(0).get("user").asText()).isEqualTo("bob");
        assertThat(items(results.get(0))).isEqualTo(expected(service.snapshot(), "bob", 3, i4, xy));
        assertThat(results.get(1).get("error").asText()).isEqualTo("unknown user");
        assertThat(items(results.get(2))).isEqualTo(expected(service.snapshot(), "alice", 3, i4, xy));
    }

    @Test
    void batchLimitsAndMalformedBodies() throws IOException {
        ServiceLimits limits = new ServiceLimits(20, 50, 3, 1 << 20, Fallback.NONE, java.util.Optional.empty());
        TestHttp http = start(limits);
        assertThat(http.post("/v1/recommendations", "{\"users\": [\"alice\", \"bob\", \"carol\"]}").statusCode()).isEqualTo(200);
        HttpResponse<String> tooMany = http.post("/v1/recommendations", "{\"users\": [\"alice\", \"bob\", \"carol\", \"dave\"]}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(tooMany).get("error").asText()).contains("at most 3 users");
        for (String body : new String[] {"{\"users\": [\"alice\"", "not json", "{\"users\": [\"alice\"]} trailing", "", "[]",
                "{\"users\": \"alice\"}", "{\"users\": [{\"id\": 1}]}", "{\"users\": [\"alice\"], \"k\": 51}",
                "{\"users\": [\"alice\"], \"k\": \"ten\"}", "{\"users\": [\"alice\"], \"k\": 2.5}", "{\"users\": [\"alice\"], \"exclude\": \"i1\"}"}) {
            HttpResponse<String> r = http.post("/v1/recommendations", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(TestHttp.json(r).get("error").asText()).as(body).isNotEmpty();
        }
    }

    @Test
    void bodiesOverTheLimitAre413() throws IOException {
        TestHttp http = start(ServiceLimits.defaults());
        StringBuilder big = new StringBuilder("{\"users\": [");
        while (big.length() < (1 << 20) + 10) {
            big.append("\"alice\",");
        }
        big.append("\"bob\"]}");
        HttpResponse<String> r = http.post("/v1/recommendations", big.toString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(TestHttp.json(r).get("error").asText()).contains("larger than 1048576 bytes");
        assertThat(http.get("/health").statusCode()).isEqualTo(200); // the server is still fine
    }

    @Test
    void similarItems() throws IOException {
        RecommendationService service = RecommendationService.open(modelA, data);
        TestHttp http = start(service, ServiceLimits.defaults());
        HttpResponse<String> r = http.get("/v1/items/i3/similar?k=4");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(r);
        assertThat(body.get("item").asText()).isEqualTo("i3");
        Recommendation expected = service.similar(service.snapshot(), data.items().indexOf("i3"), 4);
        assertThat(items(body)).isEqualTo(Arrays.stream(expected.items()).mapToObj(data.items()::id).toList()).doesNotContain("i3");
        assertThat(http.get("/v1/items/nope/similar").statusCode()).isEqualTo(404);
    }

    @Test
    void similarWithoutEmbeddingsIs501() {
        MostPopular popular = new MostPopular(data.train());
        ServingSnapshot s = new ServingSnapshot("pop", modelA, "popular", data, popular, popular);
        TestHttp http = start(new RecommendationService(s, file -> s), ServiceLimits.defaults());
        HttpResponse<String> r = http.get("/v1/items/i3/similar");
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(TestHttp.json(r).get("error").asText()).contains("no item embeddings");
        assertThat(http.get("/v1/users/alice/recommendations").statusCode()).isEqualTo(200); // ranking still works
    }

    @Test
    void healthMetricsAndUnknownRoutes() throws IOException {
        TestHttp http = start(ServiceLimits.defaults());
        JsonNode health = TestHttp.json(http.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("items").asInt()).isEqualTo(10);
        http.get("/v1/users/alice/recommendations?k=2");
        http.get("/v1/users/alice/recommendations?k=2");
        http.get("/v1/users/zed/recommendations");
        HttpResponse<String> unmatched = http.get("/v2/nothing/here");
        assertThat(unmatched.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(unmatched).get("status").asInt()).isEqualTo(404);

        HttpResponse<String> metrics = http.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        String text = metrics.body();
        String route = "method=\"GET\",route=\"/v1/users/{id}/recommendations\"";
        assertThat(text).contains("# TYPE unkd_http_requests_total counter")
                .contains("unkd_http_requests_total{" + route + ",status=\"200\"} 2")
                .contains("unkd_http_requests_total{" + route + ",status=\"404\"} 1")
                .contains("unkd_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1")
                .contains("# TYPE unkd_http_request_duration_seconds histogram")
                .contains("unkd_http_request_duration_seconds_bucket{" + route + ",le=\"0.0001\"}")
                .contains("unkd_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"} 3")
                .contains("unkd_http_request_duration_seconds_count{" + route + "} 3")
                .containsPattern("unkd_model_info\\{version=\"a\\.unkd@[0-9a-f]{8}\",type=\"mf\",dim=\"4\",users=\"5\",items=\"10\"} 1")
                .contains("unkd_model_reloads_total{result=\"failure\"} 0");
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{.*\\})? [0-9.E+-]+");
        }
    }

    private static HttpResponse<String> admin(TestHttp http, String body) {
        return http.post("/v1/admin/reload", body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
    }

    @Test
    void adminRoutesNeedTheToken() throws IOException {
        HttpResponse<String> disabled = start(ServiceLimits.defaults()).post("/v1/admin/reload", "", "Content-Type", "application/json");
        assertThat(disabled.statusCode()).isEqualTo(403); // no token configured: the admin routes are off
        assertThat(TestHttp.json(disabled).get("error").asText()).contains("admin routes are disabled");

        TestHttp http = start(ServiceLimits.defaults().withAdminToken(TOKEN));
        assertThat(http.post("/v1/admin/reload", "", "Content-Type", "application/json").statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.post("/v1/admin/reload", "", "Authorization", "Bearer nope", "Content-Type", "application/json");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(wrong).get("error").asText()).contains("invalid admin token");
        HttpResponse<String> ok = admin(http, "");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(ok).get("modelVersion").asText()).isEqualTo(TestHttp.json(ok).get("previousVersion").asText());
        assertThat(TestHttp.json(ok).get("model").asText()).isEqualTo("a.unkd"); // relative to the model directory
    }

    @Test
    void reloadSwapsInANewFileAndRefusesACorruptOne() throws IOException {
        TestHttp http = start(ServiceLimits.defaults().withAdminToken(TOKEN));
        String versionA = TestHttp.json(http.get("/health")).get("modelVersion").asText();
        Path modelB = ServeFixture.saveModel(data, dir.resolve("b.unkd"), 4, 2);
        HttpResponse<String> r = admin(http, "{\"model\": " + TestHttp.JSON.writeValueAsString(modelB.toString()) + "}");
        assertThat(r.statusCode()).isEqualTo(200);
        String versionB = TestHttp.json(r).get("modelVersion").asText();
        assertThat(versionB).startsWith("b.unkd@");
        assertThat(TestHttp.json(r).get("previousVersion").asText()).isEqualTo(versionA);
        assertThat(TestHttp.json(r).get("model").asText()).isEqualTo("b.unkd");
        assertThat(TestHttp.json(http.get("/v1/users/bob/recommendations")).get("modelVersion").asText()).isEqualTo(versionB);

        byte[] bytes = Files.readAllBytes(modelB);
        bytes[bytes.length - 20] ^= 0x33;
        Files.write(modelB, bytes); // corrupt the served file in place, then ask for a re-read
        HttpResponse<String> refused = admin(http, "");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestHttp.json(refused).get("error").asText()).isEqualTo("model could not be loaded (details in the server log)");
        assertThat(TestHttp.json(refused).get("modelVersion").asText()).isEqualTo(versionB);
        HttpResponse<String> still = http.get("/v1/users/bob/recommendations");
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(still).get("modelVersion").asText()).isEqualTo(versionB);

        assertThat(admin(http, "{\"model\": \"missing.unkd\"}").statusCode()).isEqualTo(422);
        assertThat(admin(http, "{\"model\": 3}").statusCode()).isEqualTo(400);
        assertThat(admin(http, "{\"model\": \"a.unkd\"}").statusCode()).isEqualTo(200); // relative names resolve in the model directory
        assertThat(http.get("/metrics").body()).contains("unkd_model_reloads_total{result=\"success\"} 2")
                .contains("unkd_model_reloads_total{result=\"failure\"} 2");
    }
}
