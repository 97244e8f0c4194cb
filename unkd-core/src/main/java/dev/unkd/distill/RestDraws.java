package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * HetComp's estimate of the rest of its softmax: per user and epoch, M items drawn uniformly (with
 * replacement) among the user's unobserved items outside its top list, each standing for N_rest / M
 * of them, so that (N_rest / M) * sum_m e^{s_m} estimates sum_{rest} e^{s} without bias. Draws map
 * a uniform index into the complement of the sorted excluded items by binary search: no rejection.
 *
 * <p>Deterministic: each user's draws come from a stream fixed by the seed, the epoch and the user.
 */
final class RestDraws {
    private static final long STREAM = 0x484554L; // "HET"
    private static final int USER_CHUNK = 256;

    private final Interactions train;
    private final int m;
    private final int[] items;
    private final float[] weights;
    private final ThreadLocal<int[]> excluded;

    RestDraws(Interactions train, int m) {
        this.train = train;
        this.m = m;
        this.items = new int[Math.multiplyExact(train.numUsers(), m)];
        this.weights = new float[train.numUsers()];
        this.excluded = ThreadLocal.withInitial(() -> new int[train.numItems()]);
    }

    /** Draws every user's items for an epoch; user u's list is {@code lists[u * stride ..+ lengths[u])}. */
    void draw(long seed, int epoch, int[] lists, int[] lengths, int stride, ChunkedExecutor executor) {
        int users = train.numUsers();
        int numItems = train.numItems();
        executor.run(ChunkedExecutor.chunks(users, USER_CHUNK), c -> {
            int[] ex = excluded.get();
            for (int u = c * USER_CHUNK; u < Math.min(users, (c + 1) * USER_CHUNK); u++) {
                int n = 0;
                for (int j = train.userStart(u); j < train.userEnd(u); j++) {
                    ex[n++] = train.userItemArray()[j];
                }
                System.arraycopy(lists, u * stride, ex, n, lengths[u]);
                n += lengths[u];
                Arrays.sort(ex, 0, n); // training items and listed (unobserved) items are disjoint
                int free = numItems - n;
                weights[u] = free == 0 ? 0 : (float) free / m;
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, STREAM, epoch, u));
                for (int j = 0; j < m; j++) {
                    items[u * m + j] = free == 0 ? 0 : nthFree(ex, n, rng.nextInt(free));
                }
            }
        });
    }

    /** How many draws user u has (0 when every item is observed or listed). */
    int count(int u) {
        return weights[u] == 0 ? 0 : m;
    }

    /** User u's j-th draw. */
    int item(int u, int j) {
        return items[u * m + j];
    }

    /** N_rest / M of user u. */
    float weight(int u) {
        return weights[u];
    }

    /** A copy of user u's draws. */
    int[] draws(int u) {
        return Arrays.copyOfRange(items, u * m, (u + 1) * m);
    }

    /** The r-th (0-based) item not in {@code excluded[0..n)} (sorted): r plus the number of excluded items below it. */
    static int nthFree(int[] excluded, int n, int r) {
        int lo = 0;
        int hi = n; // first j with excluded[j] - j > r
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (excluded[mid] - mid > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return r + lo;
    }
}
