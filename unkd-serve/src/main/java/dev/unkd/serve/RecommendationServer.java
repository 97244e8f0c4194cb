package dev.unkd.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON API over a {@link RecommendationService} (Javalin 6 on Jetty 11). Routing,
 * validation and response formats live here; ranking lives in the service.
 *
 * <pre>
 *   GET  /v1/users/{id}/recommendations?k=20&amp;exclude=a,b
 *   POST /v1/recommendations            {"users": [...], "k": 20, "exclude": [...]}
 *   POST /v1/recommendations            {"items": [...], "k": 20, "exclude": [...]}   (a user the model never saw)
 *   GET  /v1/items/{id}/similar?k=20
 *   POST /v1/admin/reload               [{"model": "name"}]   (only with an admin token)
 *   GET  /health, GET /metrics
 * </pre>
 * Every error is JSON {"error", "status"}, Jetty's own included: 400 bad k or body, 401 admin
 * without the right token, 403 admin routes disabled (no token configured), 404 unknown route,
 * user or item, 405 (with {@code Allow}) wrong method on a known route, 408 body too slow, 413
 * body too large, 414/431 URI or headers too large, 415 admin request not JSON, 422 a model file
 * the reload refused (always the same message: details only in the server log) or a fold-in
 * none of whose items is known, 501 similarity or fold-in without item embeddings, 503 too many bodies being read at once or stopping.
 *
 * <p>Slow and idle clients are bounded by {@link ServerSettings}: idle connections close, a body
 * must arrive within a deadline, at most a few requests read bodies at once (so trickling
 * uploads cannot take every request thread from GETs), and the connections are capped. Reloads
 * load only regular files inside the {@link ModelDirectory}.
 */
public final class RecommendationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationServer.class);
    /** Idle timeout of open connections while the connection cap is reached. */
    private static final long CAPPED_IDLE_MILLIS = 2_000;
    private static final String RELOAD_REFUSED = "model could not be loaded (details in the server log)";

    private final RecommendationService service;
    private final ServiceLimits limits;
    private final ServerSettings settings;
    private final ModelDirectory models;
    private final ServeMetrics metrics = new ServeMetrics();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Semaphore bodyReaders;
    private final Javalin app;
    private volatile Server jetty;
    private volatile StatisticsHandler statistics;
    private volatile boolean started;
    private String host;
    private int port;

    /** A server with default {@link ServerSettings}, reloading only from the served model's folder. */
    public RecommendationServer(RecommendationService service, ServiceLimits limits) {
        this(service, limits, ServerSettings.defaults(), defaultModelDirectory(service));
    }

    /** A server with explicit connection settings and the folder reloads may load from. */
    public RecommendationServer(RecommendationService service, ServiceLimits limits, ServerSettings settings, ModelDirectory models) {
        this.service = service;
        this.limits = limits;
        this.settings = settings;
        this.models = models;
        this.bodyReaders = new Semaphore(settings.maxBodyReaders());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.http.prefer405over404 = true; // a known path with the wrong method: 405, not 404
            config.jetty.modifyServer(server -> {
                jetty = server;
                // Jetty stops gracefully (finishes requests in flight) only with a StatisticsHandler counting them
                statistics = new StatisticsHandler();
                server.setHandler(statistics);
                server.setErrorHandler(new JsonErrorHandler());
                ConnectionLimit cap = new ConnectionLimit(settings.maxConnections(), server);
                cap.setIdleTimeout(CAPPED_IDLE_MILLIS); // at the cap, idle connections make room after 2 s, not the full idle timeout
                server.addBean(cap);
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            // while a request is dispatched, one blocked read or write waits at most the body timeout
            config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(settings.bodyTimeout().toMillis()));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                // on a graceful stop Jetty shortens every connection's timeout (1 s by default), which would cut
                // bodies still arriving; give them the body timeout instead (the grace period still bounds the stop)
                connector.setShutdownIdleTimeout(settings.bodyTimeout().toMillis());
                return connector;
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
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e instanceof MethodNotAllowedResponse) {
                ctx.header("Allow", allowed(e.getDetails()));
                error(ctx, 405, "method " + ctx.method() + " not allowed here");
                return;
            }
            error(ctx, e.getStatus(), e.getMessage()); // unmatched route
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (logged by the server)"); // no internals to clients
        });
    }

    private static ModelDirectory defaultModelDirectory(RecommendationService service) {
        try {
            return ModelDirectory.around(service.snapshot().modelFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts listening; port 0 picks a free port (see {@link #port()}). A failure (port in use,
     * address not local, port out of range) throws an IllegalStateException whose message says
     * which address and why, in one line.
     */
    public RecommendationServer start(String host, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Invalid port: " + port + " (must be in 0..65535)");
        }
        this.host = host;
        this.port = port;
        try {
            app.start();
        } catch (RuntimeException e) {
            stopping.set(true); // Javalin has stopped what it started: nothing left to close
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        started = true;
        return this;
    }

    /** The deepest cause's message, e.g. "Address already in use". */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    public int port() {
        return app.port();
    }

    public RecommendationService service() {
        return service;
    }

    /**
     * Stops accepting connections, lets requests in flight finish for up to the grace period
     * ({@link ServerSettings#grace()}), then stops; requests still running after it are ended,
     * with one warning line. Jetty then gives its pool threads up to 1 s to end, so even an idle
     * server takes about a second. Idempotent.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        if (started) {
            drain();
        }
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping the HTTP server: {}", rootMessage(e));
        }
    }

    /**
     * Starts Jetty's graceful shutdown (the port closes, new requests get 503) and waits until no
     * request is in flight or the grace period is over. It waits on requests, not on Jetty's
     * shutdown future, which also waits for idle keep-alive connections to go away; a timeout is
     * one log line, not a stack trace.
     */
    private void drain() {
        Server server = jetty;
        Graceful.shutdown(server);
        long deadline = System.nanoTime() + settings.grace().toNanos();
        try {
            while (statistics.getRequestsActive() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = statistics.getRequestsActive();
        if (left > 0) {
            LOG.warn("{} request(s) still in flight after the {} ms grace period: ending them", left, settings.grace().toMillis());
        }
        server.setStopTimeout(0); // drained (or out of patience): Jetty's own stop must not wait and throw again
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
        service.exposure().record(rec);
        json(ctx, ResponseJson.forUser(user, k, rec, s.items(), s.version(), limits.fallback()));
    }

    private void recommendForBatch(Context ctx) {
        JsonNode body = readBody(ctx);
        if (body.isObject() && body.has("users") && body.has("items")) {
            throw new ApiException(400, "give either \"users\" (known users) or \"items\" (one anonymous user's items), not both");
        }
        if (body.isObject() && body.has("items")) {
            recommendForItems(ctx, body);
            return;
        }
        if (!body.isObject() || !body.path("users").isArray()) {
            throw new ApiException(400, "expected a JSON object {\"users\": [ids], \"k\": n} or {\"items\": [ids], \"k\": n}");
        }
        JsonNode users = body.get("users");
        if (users.size() > limits.maxBatchUsers()) {
            throw new ApiException(400, "at most " + limits.maxBatchUsers() + " users per request, got " + users.size());
        }
        String[] ids = RequestInput.ids(users, "users");
        int k = RequestInput.k(body.get("k"), limits);
        ServingSnapshot s = service.snapshot();
        int[] exclude = RequestInput.exclude(body.get("exclude"), s.items());
        int[] index = Arrays.stream(ids).mapToInt(s.users()::indexOf).toArray();
        Recommendation[] lists = service.recommendMany(s, Arrays.stream(index).filter(u -> u >= 0).toArray(), k, exclude);
        List<ResponseJson.BatchEntry> entries = new ArrayList<>(ids.length);
        int next = 0;
        Recommendation fallback = null; // the same list for every unknown user of the request: computed once
        boolean fallbackDone = false;
        for (int e = 0; e < ids.length; e++) {
            String user = ids[e];
            Recommendation rec;
            if (index[e] >= 0) {
                rec = lists[next++];
            } else {
                if (!fallbackDone) {
                    fallback = service.fallback(s, limits.fallback(), k, exclude);
                    fallbackDone = true;
                }
                rec = fallback;
            }
            service.exposure().record(rec);
            entries.add(new ResponseJson.BatchEntry(user, rec, rec == null ? "unknown user" : null));
        }
        json(ctx, ResponseJson.forBatch(k, entries, s.items(), s.version(), limits.fallback()));
    }

    /**
     * {"items": [...]}: one anonymous user's history, folded into a user vector. Unknown ids are
     * listed in the answer and otherwise ignored; none known is 422, an empty or too long list 400,
     * a model without item embeddings 501.
     */
    private void recommendForItems(Context ctx, JsonNode body) {
        JsonNode given = body.get("items");
        if (!given.isArray()) {
            throw new ApiException(400, "'items' must be an array of item ids");
        }
        if (given.isEmpty()) {
            throw new ApiException(400, "'items' is empty: give at least one item id of the user's history");
        }
        if (given.size() > limits.maxBatchUsers()) {
            throw new ApiException(400, "at most " + limits.maxBatchUsers() + " items per request, got " + given.size());
        }
        String[] ids = RequestInput.ids(given, "items");
        int k = RequestInput.k(body.get("k"), limits);
        ServingSnapshot s = service.snapshot();
        int[] exclude = RequestInput.exclude(body.get("exclude"), s.items());
        if (s.foldIn().isEmpty()) {
            throw new ApiException(501, "model type '" + s.type() + "' has no item embeddings to fold a user in with");
        }
        List<String> unknown = new ArrayList<>();
        int[] history = new int[ids.length];
        int n = 0;
        for (String id : ids) {
            int i = s.items().indexOf(id);
            if (i >= 0) {
                history[n++] = i;
            } else {
                unknown.add(id);
            }
        }
        if (n == 0) {
            ctx.status(422).contentType(ResponseJson.CONTENT_TYPE).result(ResponseJson.noKnownItems(unknown));
            return;
        }
        Recommendation rec = service.foldIn(s, Arrays.copyOf(history, n), k, exclude);
        service.exposure().record(rec);
        json(ctx, ResponseJson.forItems(k, rec, unknown, s.items(), s.version()));
    }

    /** The list for a user id, the popular list for an unknown one when configured, else null. */
    private Recommendation recommend(ServingSnapshot s, String user, int k, int[] exclude) {
        int u = s.users().indexOf(user);
        if (u >= 0) {
            return service.recommend(s, u, k, exclude);
        }
        return service.fallback(s, limits.fallback(), k, exclude);
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

    /**
     * POST /v1/admin/reload: token (403 disabled, 401 wrong), JSON content type (415), then a file
     * inside the model directory. Every refusal of the file itself is the same 422 answer, so a
     * client learns neither paths nor which files exist; the reason goes to the log.
     */
    private void reload(Context ctx) {
        RequestInput.authorize(ctx.header("Authorization"), limits.adminToken());
        RequestInput.requireJson(ctx.header("Content-Type"));
        JsonNode body = readBody(ctx);
        if (!body.isMissingNode() && !(body.isObject() && (body.path("model").isTextual() || body.path("model").isMissingNode()))) {
            throw new ApiException(400, "expected no body or a JSON object {\"model\": \"file name\"}");
        }
        ServingSnapshot before = service.snapshot();
        String requested = body.path("model").isTextual() ? body.get("model").asText() : null;
        long t0 = System.nanoTime();
        Path file = before.modelFile();
        ServingSnapshot after;
        try {
            if (requested != null) {
                try {
                    file = models.resolve(requested);
                } catch (IOException e) {
                    service.refused();
                    throw e;
                }
            }
            after = service.reload(file);
        } catch (Exception e) {
            LOG.warn("reload of {} refused, still serving {}: {}", requested == null ? file : printable(requested), before.version(), e.toString());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", RELOAD_REFUSED);
            out.put("status", 422);
            out.put("modelVersion", service.snapshot().version());
            ctx.status(422).contentType(ResponseJson.CONTENT_TYPE).result(ResponseJson.object(out));
            return;
        }
        LOG.info("reloaded {}: now serving {} (was {})", file, after.version(), before.version());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", after.version());
        out.put("previousVersion", before.version());
        out.put("model", models.nameOf(file)); // relative to the model directory: no absolute path leaves the server
        out.put("seconds", (System.nanoTime() - t0) / 1e9);
        json(ctx, ResponseJson.object(out));
    }

    /** A client's string for a log line: control characters replaced so it cannot forge lines. */
    private static String printable(String s) {
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /**
     * The request's JSON body under the body limits: at most {@link ServerSettings#maxBodyReaders()}
     * requests read at once (else 503 at once, before reading), each within the body timeout (else 408).
     * A refused body is not read, so the connection is closed after the answer.
     */
    private JsonNode readBody(Context ctx) {
        if (!bodyReaders.tryAcquire()) {
            ctx.header("Connection", "close");
            ctx.header("Retry-After", "1");
            throw new ApiException(503, "too many requests sending bodies at once; retry later");
        }
        try {
            long deadline = System.nanoTime() + settings.bodyTimeout().toNanos();
            return RequestInput.jsonBody(ctx.req().getContentLengthLong(), inputStream(ctx), limits.maxBodyBytes(), deadline);
        } catch (ApiException e) {
            if (e.status() == 408 || e.status() == 413) {
                ctx.header("Connection", "close");
            }
            throw e;
        } finally {
            bodyReaders.release();
        }
    }

    /** The Allow header for a 405: the methods Javalin found for the path, HEAD with GET (Javalin answers it). */
    private static String allowed(Map<String, String> details) {
        String methods = details.values().stream().findFirst().orElse("");
        List<String> out = new ArrayList<>(Arrays.stream(methods.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList());
        if (out.contains("GET") && !out.contains("HEAD")) {
            out.add("HEAD");
        }
        return String.join(", ", out);
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
            throw new ApiException(400, "could not read the request body");
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
