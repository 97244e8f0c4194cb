package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads swapping two models back and forth while clients keep asking: no request may fail or see a mixed answer. */
class ReloadUnderLoadTest {
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 300;

    @TempDir
    Path dir;

    @Test
    void reloadsDuringConcurrentRequestsLoseNoRequest() throws Exception {
        Dataset data = ServeFixture.writeSplit(dir.resolve("split"));
        Path modelA = ServeFixture.saveModel(data, dir.resolve("a.unkd"), 4, 1);
        Path modelB = ServeFixture.saveModel(data, dir.resolve("b.unkd"), 4, 2);
        RecommendationService service = RecommendationService.open(modelA, data);
        String versionA = service.snapshot().version();
        String versionB = RecommendationService.open(modelB, data).snapshot().version();
        try (RecommendationServer server = new RecommendationServer(service, ServiceLimits.defaults().withAdminToken("t")).start("127.0.0.1", 0)) {
            TestHttp http = new TestHttp(server.port());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
            AtomicBoolean clientsDone = new AtomicBoolean();
            List<Future<List<Integer>>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    List<Integer> failures = new ArrayList<>();
                    for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                        String user = ServeFixture.USERS[(client + r) % ServeFixture.USERS.length];
                        HttpResponse<String> response = (r % 5 == 0)
                                ? http.post("/v1/recommendations", "{\"users\": [\"" + user + "\", \"alice\"], \"k\": 3}")
                                : http.get("/v1/users/" + user + "/recommendations?k=3");
                        if (response.statusCode() != 200) {
                            failures.add(response.statusCode());
                        } else {
                            versionsSeen.add(TestHttp.json(response).get("modelVersion").asText());
                        }
                    }
                    return failures;
                }));
            }
            Future<Integer> reloader = pool.submit(() -> {
                int reloads = 0;
                while (!clientsDone.get() && reloads < 200) {
                    Path next = reloads % 2 == 0 ? modelB : modelA;
                    HttpResponse<String> r = http.post("/v1/admin/reload", "{\"model\": " + TestHttp.JSON.writeValueAsString(next.toString()) + "}",
                            "Authorization", "Bearer t", "Content-Type", "application/json");
                    assertThat(r.statusCode()).isEqualTo(200);
                    reloads++;
                }
                return reloads;
            });
            List<Integer> failures = new ArrayList<>();
            for (Future<List<Integer>> f : clients) {
                failures.addAll(f.get());
            }
            clientsDone.set(true);
            int reloads = reloader.get();
            pool.shutdown();

            assertThat(failures).isEmpty();
            assertThat(reloads).isGreaterThanOrEqualTo(2);
            assertThat(versionsSeen).isSubsetOf(versionA, versionB).contains(versionB);
            assertThat(service.failedReloads()).isZero();
        }
    }
}
