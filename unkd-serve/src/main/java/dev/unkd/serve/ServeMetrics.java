package dev.unkd.serve;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's metrics in the Prometheus text exposition format (version 0.0.4), written by
 * hand: request counts by route, method and status; a latency histogram per route; the model
 * being served, the reload outcomes and the slots served per popularity group (exposure). Routes are the path templates (never raw paths with
 * ids), so the number of series stays fixed however many users call.
 */
final class ServeMetrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, RouteStats> routes = new ConcurrentHashMap<>();

    private static final class RouteStats {
        final String method;
        final String route;
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final LatencyHistogram latency = new LatencyHistogram();

        RouteStats(String method, String route) {
            this.method = method;
            this.route = route;
        }
    }

    void record(String method, String route, int status, double seconds) {
        RouteStats stats = routes.computeIfAbsent(method + ' ' + route, key -> new RouteStats(method, route));
        stats.byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        stats.latency.observe(seconds);
    }

    String render(RecommendationService service) {
        Map<String, RouteStats> sorted = new TreeMap<>(routes);
        StringBuilder out = new StringBuilder(4096);
        header(out, "unkd_http_requests_total", "counter", "HTTP requests by route template, method and status code.");
        for (RouteStats r : sorted.values()) {
            for (Map.Entry<Integer, LongAdder> e : new TreeMap<>(r.byStatus).entrySet()) {
                out.append("unkd_http_requests_total{method=\"").append(r.method).append("\",route=\"").append(escape(r.route))
                        .append("\",status=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum()).append('\n');
            }
        }
        header(out, "unkd_http_request_duration_seconds", "histogram", "Time from request start to response, by route template.");
        for (RouteStats r : sorted.values()) {
            String labels = "method=\"" + r.method + "\",route=\"" + escape(r.route) + "\"";
            for (int b = 0; b <= LatencyHistogram.BOUNDS.length; b++) {
                String le = b < LatencyHistogram.BOUNDS.length ? plain(LatencyHistogram.BOUNDS[b]) : "+Inf";
                out.append("unkd_http_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                        .append(r.latency.cumulative(b)).append('\n');
            }
            out.append("unkd_http_request_duration_seconds_sum{").append(labels).append("} ").append(r.latency.sum()).append('\n');
            out.append("unkd_http_request_duration_seconds_count{").append(labels).append("} ").append(r.latency.count()).append('\n');
        }
        ServingSnapshot s = service.snapshot();
        header(out, "unkd_model_info", "gauge", "The model being served (always 1; the labels carry the information).");
        out.append("unkd_model_info{version=\"").append(escape(s.version())).append("\",type=\"").append(escape(s.type()))
                .append("\",dim=\"").append(s.dim()).append("\",users=\"").append(s.users().size()).append("\",items=\"")
                .append(s.items().size()).append("\"} 1\n");
        if (s.index().isPresent()) {
            header(out, "unkd_index_recall", "gauge", "Recall@" + IndexRecall.K + " of the approximate index against exact search on "
                    + IndexRecall.SAMPLE_USERS + " sampled users, measured when the model version was loaded.");
            out.append("unkd_index_recall ").append(s.indexRecall()).append('\n');
            header(out, "unkd_index_build_seconds", "gauge", "Wall-clock seconds the index of the model being served took to build.");
            out.append("unkd_index_build_seconds ").append(s.index().get().buildSeconds()).append('\n');
        }
        header(out, "unkd_model_loaded_timestamp_seconds", "gauge", "When the model being served was loaded (Unix time).");
        out.append("unkd_model_loaded_timestamp_seconds ").append(s.loadedAtMillis() / 1000.0).append('\n');
        header(out, "unkd_model_reloads_total", "counter", "Model reloads by outcome (a failed reload keeps the previous model).");
        out.append("unkd_model_reloads_total{result=\"success\"} ").append(service.reloads()).append('\n');
        out.append("unkd_model_reloads_total{result=\"failure\"} ").append(service.failedReloads()).append('\n');
        ServedExposure exposure = service.exposure();
        header(out, "unkd_served_slots_total", "counter", "Items served in recommendation lists (users, batches, fold-ins, fallbacks), by popularity group"
                + " of the training data: " + exposure.numGroups() + " groups of equal interaction mass, 0 the most popular.");
        for (int g = 0; g < exposure.numGroups(); g++) {
            out.append("unkd_served_slots_total{group=\"").append(g).append("\"} ").append(exposure.slots(g)).append('\n');
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Label values escape backslash, double quote and newline. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** 0.0001 rather than 1.0E-4, as Prometheus clients print bucket bounds. */
    private static String plain(double bound) {
        return new BigDecimal(Double.toString(bound)).stripTrailingZeros().toPlainString();
    }
}
