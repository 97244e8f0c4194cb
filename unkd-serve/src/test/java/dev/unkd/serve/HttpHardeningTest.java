package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unkd.data.Dataset;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, HTTP half: one test per defect found (see docs/RELIABILITY.md). */
class HttpHardeningTest {
    private static final String TOKEN = "t0ken";
    private static final String REFUSED = "model could not be loaded (details in the server log)";

    @TempDir
    Path dir;
    @TempDir
    Path outside;

    private Dataset data;
    private Path modelA;
    private final List<RecommendationServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        data = ServeFixture.writeSplit(outside.resolve("split"));
        modelA = ServeFixture.saveModel(data, dir.resolve("a.unkd"), 4, 1);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(RecommendationServer::close);
    }

    private RecommendationServer server(RecommendationService service, ServiceLimits limits, ServerSettings settings) throws IOException {
        RecommendationServer server = new RecommendationServer(service, limits, settings, ModelDirectory.of(dir)).start("127.0.0.1", 0);
        servers.add(server);
        return server;
    }

    private TestHttp start(ServiceLimits limits) throws IOException {
        return new TestHttp(server(RecommendationService.open(modelA, data), limits, ServerSettings.defaults()).port());
    }

    private static HttpResponse<String> reload(TestHttp http, String model) throws IOException {
        String body = model == null ? "" : "{\"model\": " + TestHttp.JSON.writeValueAsString(model) + "}";
        return http.post("/v1/admin/reload", body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
    }

    /** Defect 1: no token, no admin; with one, only regular files inside the model directory, and one answer for every refusal. */
    @Test
    void reloadsStayInsideTheModelDirectoryAndRefusalsRevealNothing() throws IOException {
        HttpResponse<String> open = start(ServiceLimits.defaults()).post("/v1/admin/reload", "{\"model\": \"/etc/shadow\"}",
                "Content-Type", "application/json");
        assertThat(open.statusCode()).isEqualTo(403);
        assertThat(open.body()).doesNotContain("/etc").doesNotContain(dir.toString());

        TestHttp http = start(ServiceLimits.defaults().withAdminToken(TOKEN));
        Path foreign = ServeFixture.saveModel(data, outside.resolve("valid-but-outside.unkd"), 4, 2); // loadable, but not in the folder
        Files.createSymbolicLink(dir.resolve("link.unkd"), foreign);
        Files.writeString(dir.resolve("junk.unkd"), "not a model file");
        Files.createDirectory(dir.resolve("sub.unkd"));
        Set<String> bodies = new HashSet<>();
        for (String asked : List.of("/etc/shadow", "/etc", "/nonexistent/x.unkd", foreign.toString(), "../" + outside.getFileName() + "/x",
                "link.unkd", "junk.unkd", "sub.unkd", "missing.unkd", "a.unkd\u0000.txt", "")) {
            HttpResponse<String> r = reload(http, asked);
            assertThat(r.statusCode()).as(asked).isEqualTo(422);
            JsonNode body = TestHttp.json(r);
            assertThat(body.get("error").asText()).as(asked).isEqualTo(REFUSED);
            assertThat(r.body()).as(asked).doesNotContain("/").doesNotContain("such file").doesNotContain("magic").doesNotContain("irectory");
            bodies.add(r.body());
        }
        assertThat(bodies).hasSize(1); // the same bytes whatever exists on the server: no existence oracle
        assertThat(TestHttp.json(http.get("/health")).get("modelVersion").asText()).startsWith("a.unkd@");

        Files.copy(foreign, dir.resolve("b.unkd"));
        Files.createSymbolicLink(dir.resolve("current.unkd"), dir.resolve("b.unkd")); // a link inside the folder is fine
        HttpResponse<String> ok = reload(http, "current.unkd");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(ok).get("model").asText()).isEqualTo("b.unkd");
        assertThat(ok.body()).doesNotContain(dir.toString());
    }

    /** Defect 2: a cross-origin form or text/plain POST cannot reach the reload route. */
    @Test
    void reloadNeedsAJsonContentType() throws IOException {
        TestHttp http = start(ServiceLimits.defaults().withAdminToken(TOKEN));
        ServeFixture.saveModel(data, dir.resolve("b.unkd"), 4, 2);
        String body = "{\"model\": \"b.unkd\"}";
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data")) {
            HttpResponse<String> r = http.post("/v1/admin/reload", body, "Authorization", "Bearer " + TOKEN, "Content-Type", type);
            assertThat(r.statusCode()).as(type).isEqualTo(415);
        }
        assertThat(http.post("/v1/admin/reload", body, "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(415); // none at all
        assertThat(TestHttp.json(http.get("/health")).get("modelVersion").asText()).startsWith("a.unkd@");
        HttpResponse<String> ok = http.post("/v1/admin/reload", body, "Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json; charset=utf-8");
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    /** Defect 4: a FIFO is refused at once, and a read that hangs gives up after the timeout and frees the reload lock. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFifoOrAHangingReadDoesNotHoldTheReloadLock() throws Exception {
        Path fifo = dir.resolve("fifo.unkd");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo not available");
        TestHttp http = start(ServiceLimits.defaults().withAdminToken(TOKEN));
        long t0 = System.nanoTime();
        assertThat(reload(http, "fifo.unkd").statusCode()).isEqualTo(422);
        assertThat(reload(http, null).statusCode()).isEqualTo(200); // the lock is free
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);

        // the served file itself replaced by a FIFO (SIGHUP re-reads it): refused, not hung
        RecommendationService service = RecommendationService.open(modelA, data);
        Path served = service.snapshot().modelFile();
        Files.delete(served);
        assertThat(new ProcessBuilder("mkfifo", served.toString()).start().waitFor()).isZero();
        assertThatThrownBy(service::reload).isInstanceOf(IOException.class).hasMessageContaining("not a regular file");

        // a read that hangs (a slow device, a FIFO swapped in after the check): the reload gives up, the next one runs
        ServingSnapshot initial = service.snapshot();
        CompletableFuture<Void> never = new CompletableFuture<>();
        int[] calls = {0};
        RecommendationService hanging = new RecommendationService(initial, file -> {
            if (calls[0]++ == 0) {
                never.join(); // blocks like an open() on a FIFO without writer
            }
            return initial;
        }, Duration.ofMillis(300));
        long t1 = System.nanoTime();
        Files.writeString(dir.resolve("plain.unkd"), "x");
        assertThatThrownBy(() -> hanging.reload(dir.resolve("plain.unkd"))).isInstanceOf(IOException.class).hasMessageContaining("took longer than 300 ms");
        assertThat(hanging.reload(dir.resolve("plain.unkd"))).isSameAs(initial); // not stuck behind the hung read
        assertThat((System.nanoTime() - t1) / 1e9).isLessThan(5);
        never.complete(null);
    }

    private MatrixFactorization mf(float[] users, float[] items) {
        return new MatrixFactorization(new EmbeddingTable(data.numUsers(), 4, users.clone()), new EmbeddingTable(data.numItems(), 4, items.clone()));
    }

    /** Defect 6a: NaN or infinite embeddings are refused at start-up and on reload; the old model keeps serving. */
    @Test
    void nonFiniteModelsAreRefused() throws IOException {
        // ModelFile.save refuses non-finite tables, so a finite file gets its last float patched (CRC recomputed): the
        // service refuses it whether the core's load or the snapshot's own check catches it
        Path nan = dir.resolve("nan.unkd");
        Path inf = dir.resolve("inf.unkd");
        float[] users = new float[data.numUsers() * 4];
        float[] items = new float[data.numItems() * 4];
        java.util.Arrays.fill(users, 0.5f);
        java.util.Arrays.fill(items, 0.25f);
        ModelFile.save(Models.toSaved(mf(users, items), data, Map.of()), nan);
        patchLastFloat(nan, Float.NaN);
        ModelFile.save(Models.toSaved(mf(users, items), data, Map.of()), inf);
        patchLastFloat(inf, Float.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> RecommendationService.open(nan, data)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> RecommendationService.open(inf, data)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");

        TestHttp http = start(ServiceLimits.defaults().withAdminToken(TOKEN));
        String before = TestHttp.json(http.get("/health")).get("modelVersion").asText();
        for (String file : List.of("nan.unkd", "inf.unkd")) {
            HttpResponse<String> r = reload(http, file);
            assertThat(r.statusCode()).as(file).isEqualTo(422);
            assertThat(TestHttp.json(r).get("modelVersion").asText()).isEqualTo(before);
        }
        HttpResponse<String> still = http.get("/v1/users/alice/recommendations?k=3");
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(still).get("modelVersion").asText()).isEqualTo(before);
    }

    /** Sets the file's last float (the item table's last value) and rewrites the CRC32 of everything before the 8-byte trailer. */
    private static void patchLastFloat(Path file, float value) throws IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putFloat(bytes.length - 12, value);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        b.putLong(bytes.length - 8, crc.getValue());
        java.nio.file.Files.write(file, bytes);
    }

    /** Defect 6b: what Jetty refuses before any route (414, 431, bad request line, bad encoding) is JSON too. */
    @Test
    void jettyLevelErrorsAreJson() throws IOException {
        RecommendationServer server = server(RecommendationService.open(modelA, data), ServiceLimits.defaults(), ServerSettings.defaults());
        int port = server.port();
        String longUri = "GET /v1/users/" + "a".repeat(20_000) + "/recommendations HTTP/1.1\r\nHost: x\r\n\r\n";
        String bigHeader = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n";
        String garbage = "GARBAGE\r\n\r\n";
        String badVersion = "GET /health HTTP/9.9\r\nHost: x\r\n\r\n";
        String badEncoding = "GET /v1/users/%zz/recommendations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        for (String[] c : new String[][] {{longUri, "414"}, {bigHeader, "431"}, {garbage, "400"}, {badVersion, "505"}, {badEncoding, "400"}}) {
            String response = TestHttp.raw(port, c[0].getBytes(StandardCharsets.US_ASCII));
            String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(head).as(c[1]).startsWith("HTTP/1.1 " + c[1]).containsIgnoringCase("Content-Type: application/json");
            JsonNode json = TestHttp.JSON.readTree(body);
            assertThat(json.get("status").asInt()).as(c[1]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(json.get("error").asText()).as(c[1]).isNotBlank();
            assertThat(body).doesNotContain("<html").doesNotContain("aaaa");
        }
        assertThat(new TestHttp(port).get("/health").statusCode()).isEqualTo(200);
    }

    /** Defect 6c: a known path with the wrong method is 405 with an Allow header; an unknown path stays 404. */
    @Test
    void wrongMethodsAre405WithAllow() throws IOException {
        RecommendationServer server = server(RecommendationService.open(modelA, data), ServiceLimits.defaults(), ServerSettings.defaults());
        int port = server.port();
        for (String[] c : new String[][] {{"DELETE /v1/recommendations", "POST"}, {"GET /v1/recommendations", "POST"},
                {"POST /health", "GET, HEAD"}, {"PUT /v1/users/alice/recommendations", "GET, HEAD"}, {"GET /v1/admin/reload", "POST"}}) {
            String response = TestHttp.raw(port, (c[0] + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(response).as(c[0]).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: " + c[1] + "\r\n")
                    .containsIgnoringCase("Content-Type: application/json").contains("\"status\":405");
        }
        assertThat(new TestHttp(port).get("/v2/nothing").statusCode()).isEqualTo(404);
    }

    /** Defect 6e: a stop lets slow requests in flight finish within the grace period, and ends the rest without a stack trace. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void stopDrainsRequestsInFlightUpToTheGracePeriod() throws Exception {
        ServingSnapshot initial = RecommendationService.open(modelA, data).snapshot();
        RecommendationService slow = new RecommendationService(initial, file -> {
            try {
                Thread.sleep(1_500); // a slow request: the reload's load
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return initial;
        });
        RecommendationServer server = server(slow, ServiceLimits.defaults().withAdminToken(TOKEN), ServerSettings.defaults().withGrace(Duration.ofSeconds(5)));
        TestHttp http = new TestHttp(server.port());
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return reload(http, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        long t0 = System.nanoTime();
        server.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(inFlight.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200); // finished, not dropped
        assertThat(seconds).isBetween(1.0, 4.5);

        RecommendationService slower = new RecommendationService(initial, file -> {
            try {
                Thread.sleep(4_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return initial;
        });
        RecommendationServer impatient = server(slower, ServiceLimits.defaults().withAdminToken(TOKEN), ServerSettings.defaults().withGrace(Duration.ofMillis(500)));
        TestHttp http2 = new TestHttp(impatient.port());
        CompletableFuture<Void> cut = CompletableFuture.runAsync(() -> {
            try {
                reload(http2, null);
            } catch (IOException | RuntimeException expected) {
                // the request may be cut off after the grace period
            }
        });
        Thread.sleep(300);
        long t1 = System.nanoTime();
        impatient.close();
        assertThat((System.nanoTime() - t1) / 1e9).isLessThan(3.5); // grace 0.5 s + Jetty's pool stop, not the 4 s request
        cut.get(10, TimeUnit.SECONDS);
    }
}
