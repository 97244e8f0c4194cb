package dev.unkd.bench;

import dev.unkd.data.Interactions;
import dev.unkd.model.LightGcn;
import dev.unkd.model.NormalizedAdjacency;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time and memory of building LightGCN's normalised adjacency for a large synthetic graph
 * (default 1M users x 300k items, 20M interactions, power-law item popularity), and optionally of
 * one forward pass at a given dimension. Memory is the heap in use after a full GC.
 *
 * <pre>
 * java -Xmx8g -cp unkd-bench/target/unkd-bench.jar dev.unkd.bench.AdjacencyBuildRun [users] [items] [pairs] [forwardDim]
 * </pre>
 */
public final class AdjacencyBuildRun {
    private AdjacencyBuildRun() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 20_000_000;
        int forwardDim = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        SplittableRandom rng = new SplittableRandom(1);
        int[] u = new int[pairs];
        int[] i = new int[pairs];
        for (int k = 0; k < pairs; k++) {
            u[k] = rng.nextInt(users);
            double x = rng.nextDouble();
            i[k] = (int) (x * x * x * items);
        }
        long t0 = System.nanoTime();
        Interactions train = Interactions.of(users, items, u, i);
        double interactionsSeconds = (System.nanoTime() - t0) / 1e9;
        u = null;
        i = null;
        long withInteractions = usedAfterGc();
        t0 = System.nanoTime();
        NormalizedAdjacency a = NormalizedAdjacency.of(train);
        double adjacencySeconds = (System.nanoTime() - t0) / 1e9;
        long withAdjacency = usedAfterGc();
        System.out.printf(Locale.ROOT, "%d users x %d items, %d interactions (%d stored entries in Â)%n", users, items, train.size(),
                a.nonZeros());
        // Interactions hold 4 bytes x (2 nnz + users + items + 2)
        System.out.printf(Locale.ROOT, "Interactions.of (CSR both ways): %.2f s, %.0f MB%n", interactionsSeconds,
                4.0 * (2L * train.size() + users + items + 2) / 1e6);
        System.out.printf(Locale.ROOT, "NormalizedAdjacency.of: %.3f s, %.1f MB on top of the interactions%n", adjacencySeconds,
                (withAdjacency - withInteractions) / 1e6);
        if (forwardDim > 0) {
            try (ChunkedExecutor exec = new ChunkedExecutor(Runtime.getRuntime().availableProcessors())) {
                LightGcn model = LightGcn.initialise(train, forwardDim, 2, 1.0, new SplittableRandom(2), exec);
                for (int rep = 0; rep < 3; rep++) {
                    t0 = System.nanoTime();
                    model.forward();
                    System.out.printf(Locale.ROOT, "forward pass, dim %d, 2 layers, %d threads: %.2f s%n", forwardDim, exec.threads(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
