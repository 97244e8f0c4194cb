package dev.unkd.distill;

/**
 * One epoch of UnKD's sampled pairs: for every user, up to {@link #stride()} pairs
 * (better, worse) of items the teacher ranks in that order within one popularity group, stored
 * group by group. Memory: 8 bytes x users x stride.
 */
public final class RankedPairs {
    private final int stride;
    private final int[] better;
    private final int[] worse;
    private final int[] counts;

    RankedPairs(int numUsers, int stride) {
        this.stride = stride;
        this.better = new int[Math.multiplyExact(numUsers, stride)];
        this.worse = new int[better.length];
        this.counts = new int[numUsers];
    }

    public int numUsers() {
        return counts.length;
    }

    /** Maximum pairs per user (the sum of the per-group allocations). */
    public int stride() {
        return stride;
    }

    /** Pairs drawn for user u (fewer than {@link #stride()} when some of u's lists hold fewer than 2 items). */
    public int count(int u) {
        return counts[u];
    }

    /** The teacher-preferred item of user u's k-th pair. */
    public int better(int u, int k) {
        return better[u * stride + k];
    }

    /** The other item of user u's k-th pair. */
    public int worse(int u, int k) {
        return worse[u * stride + k];
    }

    int[] betterArray() {
        return better;
    }

    int[] worseArray() {
        return worse;
    }

    void setCount(int u, int n) {
        counts[u] = n;
    }

    /** Total pairs over all users. */
    public long total() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }
}
