package dev.unkd.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON API over a {@link RecommendationService} (Javalin 6 on Jetty). Routing,
 * validation and response formats live here; ranking lives in the service.
 *
 * <pre>
 *   GET  /v1/users/{id}/recommendations?k=20&amp;exclude=a,b
 *   POST /v1/recommendations            {"users": [...], "k": 20, "exclude": [...]}
 *   GET  /v1/items/{id}/similar?k=20
 *   POST /v1/admin/reload               [{"model": "path"}]   (bearer token when configured)
 *   GET  /health, GET /metrics
 * </pre>
 * Errors are JSON {"error", "status"}: 400 bad k or body, 401 admin without token, 404 unknown
 * user or item, 413 body too large, 422 a model file the reload refused, 501 similarity without
 * item embeddings.
 */
public final class RecommendationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationServer.class);
    /** How long a stop waits for requests in flight. */
    private static final long DRAIN_MILLIS = 5_000;

    private final RecommendationService service;
    private final ServiceLimits limits;
    private final ServeMetrics metrics = new ServeMetrics();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Javalin app;

    public RecommendationServer(RecommendationService service, ServiceLimits limits) {
        this.service = service;
        this.limits = limits;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.jetty.modifyServer(server -> {
                // Jetty stops gracefully (finishes requests in flight) only with a StatisticsHandler counting them
                server.setHandler(new StatisticsHandler());
                server.setStopTimeout(DRAIN_MILLIS);
            });
            config.requestLogger.http((ctx, millis) -> metrics.record(ctx.method().name(), routeOf(ctx), ctx.statusCode(), millis / 1000.0));
        });
        app.get("/v1/users/{id}/recommendations", this::recommendForUser);
        app.post("/v1/recommendations", this::recommendForBatch);
        app.get("/v1/items/{id}/similar", this::similarItems);
        app.post("/v1/admin/reload", this::reload);
        app.get("/health", this::health);
        app.get("/metrics", ctx -> ctx.contentType(ServeMetrics.CONTENT_TYPE).result(metrics.render(service)));
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage())); // unmatched route, 405
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (logged by the server)"); // no internals to clients
        });
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public RecommendationServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public RecommendationService service() {
        return service;
    }

    /**
     * Stops accepting connections, lets requests in flight finish (up to 5 s), then stops; Jetty
     * then gives its pool threads up to 1 s to end, so even an idle server takes about a second.
     * Idempotent.
     */
    @Override
    public void close() {
        if (stopping.compareAndSet(false, true)) {
            app.stop();
        }
    }

    private void recommendForUser(Context ctx) {
        ServingSnapshot s = service.snapshot();
        int k = RequestInput.k(ctx.queryParam("k"), limits);
        int[] exclude = RequestInput.exclude(ctx.queryParam("exclude"), s.items());
        String user = ctx.pathParam("id");
        Recommendation rec = recommend(s, user, k, exclude);
        if (rec == null) {
            throw new ApiException(404, "unknown user '" + user + "'");
        }
        json(ctx, ResponseJson.forUser(user, k, rec, s.items(), s.version()));
    }

    private void recommendForBatch(Context ctx) {
        JsonNode body = RequestInput.jsonBody(ctx.req().getContentLengthLong(), inputStream(ctx), limits.maxBodyBytes());
        if (!body.isObject() || !body.path("users").isArray()) {
            throw new ApiException(400, "expected a JSON object {\"users\": [ids], \"k\": n}");
        }
        JsonNode users = body.get("users");
        if (users.size() > limits.maxBatchUsers()) {
            throw new ApiException(400, "at most " + limits.maxBatchUsers() + " users per request, got " + users.size());
        }
        String[] ids = RequestInput.ids(users, "users");
        int k = RequestInput.k(body.get("k"), limits);
        ServingSnapshot s = service.snapshot();
        int[] exclude = RequestInput.exclude(body.get("exclude"), s.items());
        int[] known = Arrays.stream(ids).mapToInt(s.users()::indexOf).filter(u -> u >= 0).toArray();
        Recommendation[] lists = service.recommendMany(s, known, k, exclude);
        List<ResponseJson.BatchEntry> entries = new ArrayList<>(ids.length);
        int next = 0;
        for (String user : ids) {
            Recommendation rec = s.users().indexOf(user) >= 0 ? lists[next++]
                    : limits.fallbackPopular() ? service.popular(s, k, exclude) : null;
            entries.add(new ResponseJson.BatchEntry(user, rec, rec == null ? "unknown user" : null));
        }
        json(ctx, ResponseJson.forBatch(k, entries, s.items(), s.version()));
    }

    /** The list for a user id, the popular list for an unknown one when configured, else null. */
    private Recommendation recommend(ServingSnapshot s, String user, int k, int[] exclude) {
        int u = s.users().indexOf(user);
        if (u >= 0) {
            return service.recommend(s, u, k, exclude);
        }
        return limits.fallbackPopular() ? service.popular(s, k, exclude) : null;
    }

    private void similarItems(Context ctx) {
        ServingSnapshot s = service.snapshot();
        int k = RequestInput.k(ctx.queryParam("k"), limits);
        String item = ctx.pathParam("id");
        if (s.itemCosine().isEmpty()) {
            throw new ApiException(501, "model type '" + s.type() + "' has no item embeddings to compare");
        }
        int i = s.items().indexOf(item);
        if (i < 0) {
            throw new ApiException(404, "unknown item '" + item + "'");
        }
        json(ctx, ResponseJson.forItem(item, k, service.similar(s, i, k), s.items(), s.version()));
    }

    private void reload(Context ctx) {
        RequestInput.authorize(ctx.header("Authorization"), limits.adminToken());
        JsonNode body = RequestInput.jsonBody(ctx.req().getContentLengthLong(), inputStream(ctx), limits.maxBodyBytes());
        if (!body.isMissingNode() && !(body.isObject() && (body.path("model").isTextual() || body.path("model").isMissingNode()))) {
            throw new ApiException(400, "expected no body or a JSON object {\"model\": \"path\"}");
        }
        ServingSnapshot before = service.snapshot();
        Path file = body.path("model").isTextual() ? Path.of(body.get("model").asText()) : before.modelFile();
        long t0 = System.nanoTime();
        ServingSnapshot after;
        try {
            after = service.reload(file);
        } catch (Exception e) {
            LOG.warn("reload of {} refused, still serving {}: {}", file, before.version(), e.getMessage());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", "reload refused: " + e.getMessage());
            out.put("status", 422);
            out.put("modelVersion", service.snapshot().version());
            ctx.status(422).contentType(ResponseJson.CONTENT_TYPE).result(ResponseJson.object(out));
            return;
        }
        LOG.info("reloaded {}: now serving {} (was {})", file, after.version(), before.version());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", after.version());
        out.put("previousVersion", before.version());
        out.put("model", file.toString());
        out.put("seconds", (System.nanoTime() - t0) / 1e9);
        json(ctx, ResponseJson.object(out));
    }

    private void health(Context ctx) {
        ServingSnapshot s = service.snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", stopping.get() ? "stopping" : "ok");
        out.put("modelVersion", s.version());
        out.put("users", s.users().size());
        out.put("items", s.items().size());
        ctx.status(stopping.get() ? 503 : 200).contentType(ResponseJson.CONTENT_TYPE).result(ResponseJson.object(out));
    }

    private static java.io.InputStream inputStream(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (java.io.IOException e) {
            throw new ApiException(400, "could not read the request body: " + e.getMessage());
        }
    }

    private static void json(Context ctx, byte[] body) {
        ctx.contentType(ResponseJson.CONTENT_TYPE).result(body);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType(ResponseJson.CONTENT_TYPE).result(ResponseJson.error(status, message));
    }

    /** The route template for metrics, or "unmatched" so unknown paths cannot create new series. */
    private static String routeOf(Context ctx) {
        if (ctx.handlerType() == HandlerType.BEFORE) {
            return "unmatched"; // no endpoint was found: the request never left the before phase
        }
        String path = ctx.endpointHandlerPath();
        return path == null || path.isEmpty() ? "unmatched" : path;
    }
}
