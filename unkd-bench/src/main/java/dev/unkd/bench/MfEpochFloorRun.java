package dev.unkd.bench;

import dev.unkd.data.Interactions;
import dev.unkd.data.SplitDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The memory floor of an MF epoch (issue 15, item 3). Draws one epoch's batches as the trainer
 * does (every training pair once in a shuffled order, one uniform negative each, batch 2048),
 * counts the distinct user and item rows of each batch, and from them the bytes an epoch must
 * move at the least: per batch, every touched row's parameters and both Adam moments read and
 * written once and its gradient written and read once (8 row transfers; the triples' reads of a
 * batch's rows hit the caches, which hold a batch's rows). Then it measures this machine's
 * streaming bandwidth (triad a = b + s c over float arrays, as STREAM, on 1 and 2 threads, arrays
 * larger than the caches and arrays the size of the model's state) and times a lean fused epoch
 * on one thread (the BPR + L2 gradients accumulated straight into dense rows, then one Adam pass
 * over the touched rows that also clears their gradients): the floor an implementation with this
 * access pattern can approach.
 *
 * <p>{@code java -cp unkd-bench/target/unkd-bench.jar dev.unkd.bench.MfEpochFloorRun SPLIT_DIR [dim] [rounds]}
 */
public final class MfEpochFloorRun {
    private static final int BATCH = 2048;

    private MfEpochFloorRun() {
    }

    public static void main(String[] args) throws IOException {
        Interactions train = SplitDirectory.read(Path.of(args[0])).train();
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf("load %s, %d users, %d items, %d training pairs, dim %d%n", load(), train.numUsers(), train.numItems(),
                train.size(), dim);
        Epoch epoch = drawEpoch(train, new SplittableRandom(2022));
        long rows = IntStream.of(epoch.distinctRows()).asLongStream().sum();
        long triples = epoch.users().length;
        int batches = epoch.sizes().length;
        double rowBytes = 4.0 * dim;
        double floorBytes = 8 * rows * rowBytes;
        // flops: 2 dots and 3 axpy-like gradient rows per triple, L2 on 3 rows, ~12 per element of Adam
        double flops = triples * (4.0 * dim + 6.0 * dim + 6.0 * dim) + rows * 12.0 * dim;
        double stateBytes = 4.0 * rowBytes * (train.numUsers() + train.numItems());
        System.out.printf("per epoch: %d batches, %d triples, %d distinct rows touched (%.0f per batch), state %.1f MB%n",
                batches, triples, rows, (double) rows / batches, stateBytes / 1e6);
        System.out.printf("least traffic %.3f GB, %.3f GFLOP%n", floorBytes / 1e9, flops / 1e9);

        for (int threads = 1; threads <= 2; threads++) {
            double dram = triad(64 << 20, threads, rounds);
            double state = triad((int) (stateBytes / 12), threads, rounds * 4);
            System.out.printf("triad %d thread(s): %.1f GB/s on 3 x 256 MB, %.1f GB/s on 3 arrays of the state's size in all;"
                    + " floor %.3f s (DRAM) / %.3f s (state-sized)%n", threads, dram, state, floorBytes / dram / 1e9,
                    floorBytes / state / 1e9);
        }
        double[] fused = new double[rounds];
        LeanEpoch lean = new LeanEpoch(train, dim);
        for (int r = -3; r < rounds; r++) {
            long t0 = System.nanoTime();
            lean.run(epoch);
            if (r >= 0) {
                fused[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(fused);
        System.out.printf("lean fused epoch, 1 thread: min %.4f s, median %.4f s (loss check %.4f)%n", fused[0], fused[rounds / 2],
                lean.lastLoss);
    }

    /** An epoch's triples in batch order, and per batch its size and its distinct user and item rows. */
    private record Epoch(int[] users, int[] positives, int[] negatives, int[] sizes, int[] distinctRows) {
    }

    private static Epoch drawEpoch(Interactions train, SplittableRandom rng) {
        int n = train.size();
        int[] pairUsers = train.pairUsers();
        int[] pairItems = train.userItemArray();
        int[] order = new int[n];
        Arrays.setAll(order, k -> k);
        for (int k = n - 1; k > 0; k--) {
            int r = rng.nextInt(k + 1);
            int t = order[k];
            order[k] = order[r];
            order[r] = t;
        }
        int batches = (n + BATCH - 1) / BATCH;
        int[] u = new int[n];
        int[] i = new int[n];
        int[] j = new int[n];
        int[] distinct = new int[batches];
        int[] sizes = new int[batches];
        int[] userMark = new int[train.numUsers()];
        int[] itemMark = new int[train.numItems()];
        for (int b = 0; b < batches; b++) {
            int from = b * BATCH;
            int to = Math.min(n, from + BATCH);
            sizes[b] = to - from;
            int stamp = b + 1;
            for (int k = from; k < to; k++) {
                u[k] = pairUsers[order[k]];
                i[k] = pairItems[order[k]];
                int neg;
                do {
                    neg = rng.nextInt(train.numItems());
                } while (train.contains(u[k], neg));
                j[k] = neg;
                distinct[b] += mark(userMark, u[k], stamp) + mark(itemMark, i[k], stamp) + mark(itemMark, neg, stamp);
            }
        }
        return new Epoch(u, i, j, sizes, distinct);
    }

    private static int mark(int[] marks, int row, int stamp) {
        if (marks[row] == stamp) {
            return 0;
        }
        marks[row] = stamp;
        return 1;
    }

    /** Best triad bandwidth a[k] = b[k] + s c[k] over {@code floats} per array, split evenly over threads, in GB/s. */
    private static double triad(int floats, int threads, int rounds) {
        float[] a = new float[floats];
        float[] b = new float[floats];
        float[] c = new float[floats];
        Arrays.fill(b, 1f);
        Arrays.fill(c, 2f);
        double best = Double.MAX_VALUE;
        for (int r = -2; r < rounds; r++) {
            long t0 = System.nanoTime();
            Thread[] team = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) floats * t / threads);
                int to = (int) ((long) floats * (t + 1) / threads);
                team[t] = new Thread(() -> {
                    for (int k = from; k < to; k++) {
                        a[k] = b[k] + 0.5f * c[k];
                    }
                });
                team[t].start();
            }
            for (Thread t : team) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (r >= 0) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
        }
        return 3.0 * 4 * floats / best / 1e9;
    }

    /** MF with BPR + L2 and Adam, written as one lean pass per phase: what an epoch with this access pattern costs at least. */
    private static final class LeanEpoch {
        private final int dim;
        private final int numUsers;
        private final float[] param;
        private final float[] m;
        private final float[] v;
        private final float[] grad;
        private final int[] touched;
        private final int[] stamp;
        private int step;
        double lastLoss;

        LeanEpoch(Interactions train, int dim) {
            this.dim = dim;
            this.numUsers = train.numUsers();
            int rows = train.numUsers() + train.numItems();
            SplittableRandom rng = new SplittableRandom(1);
            param = new float[rows * dim];
            for (int k = 0; k < param.length; k++) {
                param[k] = (float) (rng.nextGaussian() * 0.01);
            }
            m = new float[param.length];
            v = new float[param.length];
            grad = new float[param.length];
            touched = new int[3 * BATCH];
            stamp = new int[rows];
        }

        void run(Epoch epoch) {
            int[] u = epoch.users();
            int[] i = epoch.positives();
            int[] j = epoch.negatives();
            int[] sizes = epoch.sizes();
            double loss = 0;
            int from = 0;
            for (int size : sizes) {
                step++;
                int count = 0;
                float scale = 1f / size;
                float decay = 0.01f * scale;
                for (int k = from; k < from + size; k++) {
                    int pu = u[k] * dim;
                    int qi = (numUsers + i[k]) * dim;
                    int qj = (numUsers + j[k]) * dim;
                    float x = 0;
                    for (int d = 0; d < dim; d++) {
                        x += param[pu + d] * (param[qi + d] - param[qj + d]);
                    }
                    float sig = (float) (1 / (1 + Math.exp(x))); // -d/dx log sigmoid(x)
                    loss += Math.log1p(Math.exp(-x));
                    float g = -sig * scale;
                    for (int d = 0; d < dim; d++) {
                        float p = param[pu + d];
                        float a = param[qi + d];
                        float c = param[qj + d];
                        grad[pu + d] += g * (a - c) + decay * p;
                        grad[qi + d] += g * p + decay * a;
                        grad[qj + d] -= g * p - decay * c;
                    }
                    count = touch(u[k], count);
                    count = touch(numUsers + i[k], count);
                    count = touch(numUsers + j[k], count);
                }
                adam(count);
                from += size;
            }
            lastLoss = loss / from;
        }

        private int touch(int row, int count) {
            if (stamp[row] != step) {
                stamp[row] = step;
                touched[count++] = row;
            }
            return count;
        }

        private void adam(int count) {
            float b1 = 0.9f;
            float b2 = 0.999f;
            float stepSize = (float) (0.001 / (1 - Math.pow(0.9, step)));
            float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(0.999, step));
            for (int t = 0; t < count; t++) {
                int base = touched[t] * dim;
                for (int d = base; d < base + dim; d++) {
                    float g = grad[d];
                    grad[d] = 0;
                    float mk = b1 * m[d] + (1 - b1) * g;
                    float vk = b2 * v[d] + (1 - b2) * g * g;
                    m[d] = mk;
                    v[d] = vk;
                    param[d] -= stepSize * mk / ((float) Math.sqrt(vk) / sqrtBc2 + 1e-8f);
                }
            }
        }
    }

    private static String load() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).trim() : "n/a";
    }
}
