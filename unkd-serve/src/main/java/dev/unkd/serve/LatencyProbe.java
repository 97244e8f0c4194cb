package dev.unkd.serve;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times single top-K requests through the service in-process (no HTTP), one after another on
 * the calling thread, after a warm-up that lets the JIT compile the scoring kernel. Users are
 * drawn at random among those with training items, as real traffic would be.
 */
public final class LatencyProbe {
    /** Latency percentiles in microseconds and the single-thread request rate. */
    public record Result(int requests, int k, double p50Micros, double p90Micros, double p99Micros, double maxMicros,
            double meanMicros, double requestsPerSecond) {
        @Override
        public String toString() {
            return String.format("%d requests, top-%d: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us, mean %.1f us (%.0f requests/s on one thread)",
                    requests, k, p50Micros, p90Micros, p99Micros, maxMicros, meanMicros, requestsPerSecond);
        }
    }

    private LatencyProbe() {
    }

    public static Result run(RecommendationService service, int requests, int k, long seed) {
        if (requests < 1) {
            throw new IllegalArgumentException("Invalid request count: " + requests);
        }
        ServingSnapshot s = service.snapshot();
        int[] users = activeUsers(s);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] none = new int[0];
        long sink = 0;
        for (int w = 0; w < Math.max(2_000, requests / 5); w++) {
            sink += service.recommend(s, users[rng.nextInt(users.length)], k, none).size();
        }
        long[] nanos = new long[requests];
        long start = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            int u = users[rng.nextInt(users.length)];
            long t0 = System.nanoTime();
            sink += service.recommend(s, u, k, none).size();
            nanos[r] = System.nanoTime() - t0;
        }
        double total = (System.nanoTime() - start) / 1e9;
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the results observable so the JIT cannot drop the calls
        }
        Arrays.sort(nanos);
        return new Result(requests, k, micros(nanos, 0.50), micros(nanos, 0.90), micros(nanos, 0.99),
                nanos[requests - 1] / 1e3, Arrays.stream(nanos).average().orElse(0) / 1e3, requests / total);
    }

    /**
     * Times fold-in requests: each sends a random active user's training items as an anonymous
     * history ({@link RecommendationService#foldIn}), so the history lengths follow the data's.
     */
    public static Result runFoldIn(RecommendationService service, int requests, int k, long seed) {
        if (requests < 1) {
            throw new IllegalArgumentException("Invalid request count: " + requests);
        }
        ServingSnapshot s = service.snapshot();
        int[] users = activeUsers(s);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] none = new int[0];
        long sink = 0;
        for (int w = 0; w < Math.max(500, requests / 5); w++) {
            sink += service.foldIn(s, s.train().itemsOf(users[rng.nextInt(users.length)]), k, none).size();
        }
        long[] nanos = new long[requests];
        long start = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            int[] history = s.train().itemsOf(users[rng.nextInt(users.length)]);
            long t0 = System.nanoTime();
            sink += service.foldIn(s, history, k, none).size();
            nanos[r] = System.nanoTime() - t0;
        }
        double total = (System.nanoTime() - start) / 1e9;
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
        Arrays.sort(nanos);
        return new Result(requests, k, micros(nanos, 0.50), micros(nanos, 0.90), micros(nanos, 0.99),
                nanos[requests - 1] / 1e3, Arrays.stream(nanos).average().orElse(0) / 1e3, requests / total);
    }

    private static double micros(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }

    private static int[] activeUsers(ServingSnapshot s) {
        int[] users = java.util.stream.IntStream.range(0, s.users().size()).filter(u -> s.train().userDegree(u) > 0).toArray();
        if (users.length == 0) {
            throw new IllegalArgumentException("no user has training items to rank for");
        }
        return users;
    }
}
