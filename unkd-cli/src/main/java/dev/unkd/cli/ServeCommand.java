package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.serve.Fallback;
import dev.unkd.serve.IndexChoice;
import dev.unkd.serve.LatencyProbe;
import dev.unkd.serve.MipsIndex;
import dev.unkd.serve.ModelDirectory;
import dev.unkd.serve.RecommendationServer;
import dev.unkd.serve.RecommendationService;
import dev.unkd.serve.ReloadSignal;
import dev.unkd.serve.ServerSettings;
import dev.unkd.serve.ServiceLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd serve}: the HTTP JSON recommendation service for a saved model (or an in-process latency self-test). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve top-K recommendations over HTTP (JSON) from a model file; reload it with SIGHUP or POST /v1/admin/reload.",
                "Routes: GET /v1/users/{id}/recommendations?k=20&exclude=a,b, POST /v1/recommendations ({\"users\": [...]} or an",
                "anonymous user's {\"items\": [...]}), GET /v1/items/{id}/similar?k=20,",
                "POST /v1/admin/reload (only with --admin-token), GET /health, GET /metrics (Prometheus).",
                "Listening beyond loopback needs --admin-token or an explicit --insecure."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Option(names = "--model", required = true, description = "Model file.")
    Path model;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--max-k", description = "Largest k a request may ask for (default: ${DEFAULT-VALUE}).")
    int maxK = 1000;

    @Option(names = "--max-batch", description = "Most users in one POST /v1/recommendations (default: ${DEFAULT-VALUE}).")
    int maxBatch = 1000;

    @Option(names = "--max-body", description = "Largest request body in bytes (default: ${DEFAULT-VALUE}).")
    long maxBody = 1 << 20;

    @Option(names = "--fallback", description = "Answer for users the model does not know: none (404, default), popular, or balanced"
            + " (the most popular items of each popularity group in turn, so the head does not take every slot).")
    String fallback = "none";

    @Option(names = "--index", description = "Top-K search: exact (score every item), hnsw (approximate inner-product graph over the item"
            + " embeddings, built at start and on every reload) or auto (default: hnsw from " + IndexChoice.AUTO_MIN_ITEMS + " items on, kept when its recall@20 on sampled users reaches " + IndexChoice.AUTO_MIN_RECALL + ").")
    String index = "auto";

    @Option(names = "--ef", description = "Candidates the hnsw search keeps (default: ${DEFAULT-VALUE}); higher: better recall, slower.")
    int ef = 100;

    @Option(names = "--fold-in", description = "With --self-test: time fold-in requests (a known user's training items sent as an anonymous history).")
    boolean foldIn;

    @Option(names = "--admin-token", description = "Bearer token that enables the /v1/admin routes (default: env UNKD_ADMIN_TOKEN; none: admin routes disabled, 403).")
    String adminToken = System.getenv("UNKD_ADMIN_TOKEN");

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The only folder POST /v1/admin/reload may load model files from (default: the folder of --model).")
    Path modelDir;

    @Option(names = "--insecure", description = "Allow a non-loopback --host without an admin token (recommendations open to the network, admin routes disabled).")
    boolean insecure;

    @Option(names = "--grace-seconds", description = "On SIGTERM, how long requests in flight may finish before they are ended (default: ${DEFAULT-VALUE}).")
    int graceSeconds = 10;

    @Option(names = "--max-connections", description = "Connections open at once; beyond it new ones wait (default: ${DEFAULT-VALUE}).")
    int maxConnections = 1000;

    @Option(names = "--self-test", paramLabel = "N", description = "Instead of serving, time N in-process top-K requests and print p50/p99.")
    int selfTest;

    @Option(names = "--k", description = "List length of the self-test (default: ${DEFAULT-VALUE}).")
    int k = 20;

    @Override
    public Integer call() throws Exception {
        Fallback fallbackMode = Fallback.parse(fallback);
        IndexChoice indexChoice = IndexChoice.parse(index);
        if (ef < 1) {
            throw new IllegalArgumentException("Invalid --ef: " + ef + " (must be at least 1)");
        }
        ServiceLimits limits = new ServiceLimits(Math.min(20, maxK), maxK, maxBatch, maxBody, fallbackMode, Optional.ofNullable(adminToken));
        if (graceSeconds < 0) {
            throw new IllegalArgumentException("Invalid --grace-seconds: " + graceSeconds + " (must be >= 0)");
        }
        ServerSettings settings = ServerSettings.defaults().withGrace(Duration.ofSeconds(graceSeconds)).withMaxConnections(maxConnections);
        if (selfTest <= 0) {
            checkAddress(limits); // before the data is read: a refused start-up should be quick
        }
        Dataset dataset = data.load(common.seed);
        RecommendationService service = RecommendationService.open(model, dataset, indexChoice, MipsIndex.Settings.defaults().withSearchBeam(ef));
        String search = service.snapshot().index().map(i -> String.format("hnsw index (ef %d, built in %.1f s)", ef, i.buildSeconds()))
                .orElse("exact search");
        if (selfTest > 0) {
            System.out.printf("model %s (%s, dim %d), %d users x %d items, %s%n", service.snapshot().version(), service.snapshot().type(),
                    service.snapshot().dim(), dataset.numUsers(), dataset.numItems(), search);
            System.out.println(foldIn ? LatencyProbe.runFoldIn(service, selfTest, k, common.seed) : LatencyProbe.run(service, selfTest, k, common.seed));
            return 0;
        }
        ModelDirectory models = modelDir != null ? ModelDirectory.of(modelDir) : ModelDirectory.around(model);
        RecommendationServer server = new RecommendationServer(service, limits, settings, models).start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close(); // drains requests in flight (up to --grace-seconds) before the JVM exits
            stopped.countDown();
        }, "unkd-serve-shutdown"));
        boolean hup = ReloadSignal.install(service);
        if (limits.adminToken().isEmpty() && !isLoopback(host)) {
            System.err.println("unkd serve: warning: --insecure: recommendations are open to every client that reaches " + host
                    + " (admin routes are disabled without a token)");
        }
        System.err.printf("unkd serve: %s on http://%s:%d (%d users, %d items, %s)%s; admin routes %s%n", service.snapshot().version(), host,
                server.port(), dataset.numUsers(), dataset.numItems(), search, hup ? "; SIGHUP reloads the model" : "",
                limits.adminToken().isPresent() ? "need the token, reloads from " + models.root() : "disabled (no --admin-token)");
        stopped.await();
        return 0;
    }

    /** A port in range, and a loopback address unless a token is set or --insecure says otherwise. */
    private void checkAddress(ServiceLimits limits) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Invalid --port: " + port + " (must be in 0..65535)");
        }
        if (limits.adminToken().isEmpty() && !insecure && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + ", which is not a loopback address, without an admin token: "
                    + "set --admin-token (or UNKD_ADMIN_TOKEN), or pass --insecure to serve recommendations to the network anyway");
        }
    }

    /** Whether every address {@code host} names is a loopback one (127.0.0.0/8, ::1); unknown hosts fail with their name. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid --host: unknown host '" + host + "'");
        }
    }
}
