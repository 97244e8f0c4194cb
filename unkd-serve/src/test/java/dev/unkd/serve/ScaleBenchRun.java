package dev.unkd.serve;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.MostPopular;
import dev.unkd.recommend.Recommender;
import dev.unkd.data.DatasetLoader;
import dev.unkd.data.LoadOptions;
import dev.unkd.pipeline.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Issue 17, serving at catalogue scale, on synthetic embeddings ({@link MipsIndexTest#synthetic}:
 * Gaussian users, items of random direction with norms spread over 0.2..2), each user with 10
 * random "seen" items that every search excludes.
 *
 * <pre>
 *   index ITEMS DIM QUERIES EF[,EF..]  build time and heap of the index; p50/p99 of exact and index
 *                                      searches (top-20, in-process, one thread); recall@20 of the index
 *                                      (-Ddegree=N -DbuildBeam=N override the index defaults)
 *   model FILE DATA QUERIES EF[,EF..]  the same on a trained model's embeddings (LightGCN: propagated),
 *                                      its first QUERIES users, excluding their training items
 *   serve ITEMS DIM PORT exact|hnsw EF serves 10,000 synthetic users (u0..u9999) over HTTP until killed
 *                                      (-DrebuildAt=S: one reload, i.e. index rebuild, S seconds after the port opens)
 * </pre>
 */
public final class ScaleBenchRun {
    private static final int K = 20;
    private static final int SEEN = 10;

    private ScaleBenchRun() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "index" -> index(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray());
            case "model" -> model(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray());
            case "serve" -> serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), IndexChoice.parse(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode: index or serve");
        }
    }

    private static Interactions seen(int users, int items, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] us = new int[users * SEEN];
        int[] is = new int[users * SEEN];
        int n = 0;
        for (int u = 0; u < users; u++) {
            int[] picked = rng.ints(SEEN * 2L, 0, items).distinct().limit(SEEN).toArray();
            for (int i : picked) {
                us[n] = u;
                is[n++] = i;
            }
        }
        return Interactions.of(users, items, Arrays.copyOf(us, n), Arrays.copyOf(is, n));
    }

    private static long usedHeap() {
        for (int r = 0; r < 3; r++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }

    private static void index(int items, int dim, int queries, int[] efs) {
        long t0 = System.nanoTime();
        FactorScorer f = MipsIndexTest.synthetic(queries, items, dim, 17);
        Interactions seen = seen(queries, items, 5);
        System.out.printf("%d items x dim %d, %d queries (generated in %.1f s), %d processors%n", items, dim, queries,
                (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors());
        measure(f, seen, queries, efs);
    }

    private static void model(Path file, Path data, int queries, int[] efs) throws Exception {
        Dataset d = DatasetLoader.load(data, LoadOptions.defaults());
        if (!(TrainedModel.load(file, d).scorer() instanceof FactorScorer f)) {
            throw new IllegalArgumentException(file + " has no item embeddings");
        }
        int n = Math.min(queries, f.numUsers());
        System.out.printf("%s: %d items x dim %d, %d queries (its first users, training items excluded), %d processors%n", file,
                f.numItems(), f.dim(), n, Runtime.getRuntime().availableProcessors());
        measure(f, d.train(), n, efs);
    }

    private static void measure(FactorScorer f, Interactions seen, int queries, int[] efs) {
        int dim = f.dim();
        // exact: the core's Recommender, as serving with --index exact
        Recommender exact = new Recommender(f, seen);
        Recommender.Scratch scratch = new Recommender.Scratch();
        int[][] truth = new int[queries][];
        long[] nanos = new long[queries];
        for (int w = 0; w < Math.min(queries, 200); w++) {
            exact.recommend(w, K, new int[0], scratch);
        }
        for (int u = 0; u < queries; u++) {
            long s = System.nanoTime();
            truth[u] = exact.recommend(u, K, new int[0], scratch);
            nanos[u] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        System.out.printf("exact: p50 %.1f us, p99 %.1f us%n", pct(nanos, 0.5), pct(nanos, 0.99));
        long before = usedHeap();
        MipsIndex.Settings d = MipsIndex.Settings.defaults();
        MipsIndex index = MipsIndex.build(f, new MipsIndex.Settings(Integer.getInteger("degree", d.degree()),
                Integer.getInteger("buildBeam", d.buildBeam()), d.searchBeam(), d.threads()));
        long after = usedHeap();
        System.out.printf("index: degree %d, build beam %d, %d threads: built in %.1f s, heap +%.0f MB%n",
                index.settings().degreeFor(dim), index.settings().buildBeam(), index.settings().threads(), index.buildSeconds(),
                (after - before) / 1048576.0);
        for (int ef : efs) {
            MipsIndex searched = index.withSearchBeam(ef);
            double hits = 0;
            for (int w = 0; w < Math.min(queries, 500); w++) {
                searched.search(row(f, w), K, seen.itemsOf(w));
            }
            for (int u = 0; u < queries; u++) {
                float[] q = row(f, u);
                int[] ex = seen.itemsOf(u);
                long s = System.nanoTime();
                Recommendation got = searched.search(q, K, ex);
                nanos[u] = System.nanoTime() - s;
                int[] t = truth[u];
                hits += Arrays.stream(got.items()).filter(i -> IntStream.of(t).anyMatch(x -> x == i)).count();
            }
            Arrays.sort(nanos);
            System.out.printf("index ef %d: p50 %.1f us, p99 %.1f us, recall@%d vs exact %.4f%n", ef, pct(nanos, 0.5), pct(nanos, 0.99), K,
                    hits / (queries * (double) K));
        }
    }

    private static float[] row(FactorScorer f, int u) {
        return Arrays.copyOfRange(f.userEmbeddings(), u * f.dim(), (u + 1) * f.dim());
    }

    private static void serve(int items, int dim, int port, IndexChoice choice, int ef) throws Exception {
        int users = 10_000;
        List<String> userIds = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            userIds.add("u" + u);
        }
        List<String> itemIds = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            itemIds.add("i" + i);
        }
        Interactions train = seen(users, items, 5);
        Dataset data = new Dataset("synthetic", IdMap.of(userIds), IdMap.of(itemIds), train, Interactions.empty(users, items),
                Interactions.empty(users, items));
        FactorScorer f = MipsIndexTest.synthetic(users, items, dim, 17);
        Path dir = Files.createTempDirectory("unkd-scale");
        Path file = Files.createFile(dir.resolve("synthetic.unkd"));
        ServingSnapshot s = new ServingSnapshot("synthetic@0", file, "mf", data, f, new MostPopular(train));
        long t0 = System.nanoTime();
        RecommendationService service = new RecommendationService(s, p -> s, Duration.ofSeconds(60), choice,
                MipsIndex.Settings.defaults().withSearchBeam(ef));
        System.err.printf("scale-bench: %d items x dim %d, %s%s, started in %.1f s%n", items, dim, choice.label(),
                service.snapshot().index().map(i -> String.format(" (ef %d, built in %.1f s)", ef, i.buildSeconds())).orElse(""),
                (System.nanoTime() - t0) / 1e9);
        RecommendationServer server = new RecommendationServer(service, ServiceLimits.defaults(), ServerSettings.defaults(), ModelDirectory.of(dir))
                .start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Integer rebuildAt = Integer.getInteger("rebuildAt");
        if (rebuildAt != null) { // one reload (a full index rebuild) that many seconds after the port opened, to time requests during it
            Thread rebuild = new Thread(() -> {
                try {
                    Thread.sleep(rebuildAt * 1000L);
                    long r0 = System.nanoTime();
                    System.err.printf("scale-bench: rebuild started%n");
                    service.reload(file);
                    System.err.printf("scale-bench: rebuild done in %.1f s%n", (System.nanoTime() - r0) / 1e9);
                } catch (Exception e) {
                    System.err.println("scale-bench: rebuild failed: " + e);
                }
            });
            rebuild.setDaemon(true);
            rebuild.start();
        }
        Thread.currentThread().join();
    }
}
