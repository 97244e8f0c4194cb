package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.serve.LatencyProbe;
import dev.unkd.serve.RecommendationServer;
import dev.unkd.serve.RecommendationService;
import dev.unkd.serve.ReloadSignal;
import dev.unkd.serve.ServiceLimits;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd serve}: the HTTP JSON recommendation service for a saved model (or an in-process latency self-test). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve top-K recommendations over HTTP (JSON) from a model file; reload it with SIGHUP or POST /v1/admin/reload.",
                "Routes: GET /v1/users/{id}/recommendations?k=20&exclude=a,b, POST /v1/recommendations, GET /v1/items/{id}/similar?k=20,",
                "POST /v1/admin/reload, GET /health, GET /metrics (Prometheus)."})
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

    @Option(names = "--fallback", description = "Answer for users the model does not know: none (404, default) or popular.")
    String fallback = "none";

    @Option(names = "--admin-token", description = "Bearer token required by /v1/admin routes (default: env UNKD_ADMIN_TOKEN; none: open).")
    String adminToken = System.getenv("UNKD_ADMIN_TOKEN");

    @Option(names = "--self-test", paramLabel = "N", description = "Instead of serving, time N in-process top-K requests and print p50/p99.")
    int selfTest;

    @Option(names = "--k", description = "List length of the self-test (default: ${DEFAULT-VALUE}).")
    int k = 20;

    @Override
    public Integer call() throws Exception {
        if (!fallback.equals("none") && !fallback.equals("popular")) {
            throw new IllegalArgumentException("Invalid --fallback: '" + fallback + "' (expected none or popular)");
        }
        ServiceLimits limits = new ServiceLimits(Math.min(20, maxK), maxK, maxBatch, maxBody, fallback.equals("popular"),
                Optional.ofNullable(adminToken));
        Dataset dataset = data.load(common.seed);
        RecommendationService service = RecommendationService.open(model, dataset);
        if (selfTest > 0) {
            System.out.printf("model %s (%s, dim %d), %d users x %d items%n", service.snapshot().version(), service.snapshot().type(),
                    service.snapshot().dim(), dataset.numUsers(), dataset.numItems());
            System.out.println(LatencyProbe.run(service, selfTest, k, common.seed));
            return 0;
        }
        RecommendationServer server = new RecommendationServer(service, limits).start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close(); // drains requests in flight before the JVM exits
            stopped.countDown();
        }, "unkd-serve-shutdown"));
        boolean hup = ReloadSignal.install(service);
        if (limits.adminToken().isEmpty() && !host.startsWith("127.") && !host.equals("localhost")) {
            System.err.println("unkd serve: warning: admin routes are open on " + host + "; set --admin-token or UNKD_ADMIN_TOKEN");
        }
        System.err.printf("unkd serve: %s on http://%s:%d (%d users, %d items)%s%n", service.snapshot().version(), host, server.port(),
                dataset.numUsers(), dataset.numItems(), hup ? "; SIGHUP reloads the model" : "");
        stopped.await();
        return 0;
    }
}
