package dev.unkd.model;

import java.util.Arrays;

/**
 * Scores by the dot product of a user and an item embedding.
 *
 * <p>Scoring all items is the hot loop of evaluation, serving and teacher ranking. The item table
 * is kept a second time as dimension-major slices, one {@code float[TILE]} per (item tile,
 * dimension), so the kernel reads {@code slice[j]} and writes {@code acc[j]} at the same index of
 * separate arrays, which HotSpot vectorises (an axpy between two offsets of arrays that may alias,
 * or several offsets into one array, is left scalar; measured 5-10x slower). A pass takes four
 * dimensions at once, {@code acc[j] = acc[j] + u0 * s0[j] + u1 * s1[j] + u2 * s2[j] + u3 * s3[j]},
 * so the partial sum stays in a register for four additions instead of one load and store per
 * dimension, and two users share the four slice loads (scoreBlock). A tile's slices
 * (dim x 512 floats) stay in cache while a block of users reuses them.
 *
 * <p>Bit-identity: every score still adds its products one at a time in d order starting from 0,
 * multiply then add, exactly as {@link #score}; only which scores are computed together changes.
 * So {@link #score}, {@link #scoreAll}, {@link #scoreVector} and {@link #scoreBlock} agree to the bit.
 */
public final class FactorScorer implements Scorer {
    /** Items per tile of the dimension-major slices (a tile's accumulator fits in L1). */
    public static final int TILE = 512;

    private final int numUsers;
    private final int numItems;
    private final int dim;
    private final float[] users;
    private final float[] items;
    /** slices[t * dim + d][j] = item (t * TILE + j), dimension d. */
    private final float[][] slices;
    private volatile NormOrderedItems normOrdered;
    private final ThreadLocal<float[][]> accumulators = ThreadLocal.withInitial(() -> new float[2][TILE]);

    public FactorScorer(EmbeddingTable users, EmbeddingTable items) {
        if (users.dim() != items.dim()) {
            throw new IllegalArgumentException("user dim " + users.dim() + " != item dim " + items.dim());
        }
        this.numUsers = users.rows();
        this.numItems = items.rows();
        this.dim = users.dim();
        this.users = users.data();
        this.items = items.data();
        this.slices = slices(this.items, null, numItems, dim);
    }

    /**
     * The item rows at positions {@code order[0..n)} (identity when null) as dimension-major
     * slices of TILE items: result[t * dim + d][j] = dimension d of the item at position t * TILE + j.
     */
    static float[][] slices(float[] items, int[] order, int n, int dim) {
        int tiles = (n + TILE - 1) / TILE;
        float[][] out = new float[tiles * dim][];
        for (int t = 0; t < tiles; t++) {
            int t0 = t * TILE;
            int len = Math.min(n, t0 + TILE) - t0;
            for (int d = 0; d < dim; d++) {
                float[] s = new float[len];
                for (int j = 0; j < len; j++) {
                    int item = order == null ? t0 + j : order[t0 + j];
                    s[j] = items[item * dim + d];
                }
                out[t * dim + d] = s;
            }
        }
        return out;
    }

    /**
     * The item table again in descending norm order, for exact top-k with a norm bound
     * (the recommender's batch lists); built on first use and kept (as much memory again
     * as the slices). Scores it computes equal this scorer's to the bit.
     */
    public NormOrderedItems normOrdered() {
        NormOrderedItems n = normOrdered;
        if (n == null) {
            synchronized (this) {
                n = normOrdered;
                if (n == null) {
                    n = new NormOrderedItems(items, numItems, dim);
                    normOrdered = n;
                }
            }
        }
        return n;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    public int dim() {
        return dim;
    }

    /** User embeddings, row-major; do not modify. */
    public float[] userEmbeddings() {
        return users;
    }

    /** Item embeddings, row-major; do not modify. */
    public float[] itemEmbeddings() {
        return items;
    }

    @Override
    public float score(int user, int item) {
        float s = 0;
        int pu = user * dim;
        int qi = item * dim;
        for (int d = 0; d < dim; d++) {
            s += users[pu + d] * items[qi + d];
        }
        return s;
    }

    /** Cost: dim x items multiply-adds; no allocation. */
    @Override
    public void scoreAll(int user, float[] out) {
        scoreRow(users, user * dim, out);
    }

    /**
     * Scores every item for a user vector that is not in the table (a folded-in user, say) into
     * {@code out[0..numItems)}: the same kernel and summation order as {@link #scoreAll}, so a
     * copy of a trained user's row scores bit-identically. Cost: dim x items multiply-adds.
     */
    public void scoreVector(float[] user, float[] out) {
        if (user.length != dim) {
            throw new IllegalArgumentException("user vector has " + user.length + " values, the model's dim is " + dim);
        }
        scoreRow(user, 0, out);
    }

    private void scoreRow(float[] users, int pu, float[] out) {
        float[] a = accumulators.get()[0];
        for (int t = 0, t0 = 0; t0 < numItems; t++, t0 += TILE) {
            int len = Math.min(numItems - t0, TILE);
            oneUser(slices, dim, users, pu, t, len, a);
            System.arraycopy(a, 0, out, t0, len);
        }
    }

    /** Cost: |block| x dim x items multiply-adds; the item table streams from memory once per block. */
    @Override
    public void scoreBlock(int[] userIds, int from, int to, float[][] out) {
        float[][] acc = accumulators.get();
        float[] a = acc[0];
        float[] c = acc[1];
        for (int t = 0, t0 = 0; t0 < numItems; t++, t0 += TILE) {
            int len = Math.min(numItems - t0, TILE);
            int b = from;
            for (; b + 2 <= to; b += 2) {
                twoUsers(slices, dim, users, userIds[b] * dim, userIds[b + 1] * dim, t, len, a, c);
                System.arraycopy(a, 0, out[b - from], t0, len);
                System.arraycopy(c, 0, out[b - from + 1], t0, len);
            }
            if (b < to) {
                oneUser(slices, dim, users, userIds[b] * dim, t, len, a);
                System.arraycopy(a, 0, out[b - from], t0, len);
            }
        }
    }

    /**
     * Scores of the user vectors at u[pu..) and u[pv..) for tile t of {@code slices} (dim slices
     * per tile) into a[0..len) and c[0..len). Four
     * dimensions per pass keep each partial sum in a register across four additions (in d order)
     * while the two users share the four slice loads; more users or dimensions per pass make the
     * loop body too large for C2 to unroll and vectorise.
     */
    static void twoUsers(float[][] slices, int dim, float[] u, int pu, int pv, int t, int len, float[] a, float[] c) {
        int q = t * dim;
        int d = 0;
        if (dim >= 4) {
            float u0 = u[pu], u1 = u[pu + 1], u2 = u[pu + 2], u3 = u[pu + 3];
            float v0 = u[pv], v1 = u[pv + 1], v2 = u[pv + 2], v3 = u[pv + 3];
            float[] s0 = slices[q], s1 = slices[q + 1], s2 = slices[q + 2], s3 = slices[q + 3];
            for (int j = 0; j < len; j++) {
                float x0 = s0[j], x1 = s1[j], x2 = s2[j], x3 = s3[j];
                a[j] = 0f + u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3; // 0f + first: -0 products sum as in score()
                c[j] = 0f + v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
            }
            d = 4;
        } else {
            Arrays.fill(a, 0, len, 0f);
            Arrays.fill(c, 0, len, 0f);
        }
        for (; d + 4 <= dim; d += 4) {
            float u0 = u[pu + d], u1 = u[pu + d + 1], u2 = u[pu + d + 2], u3 = u[pu + d + 3];
            float v0 = u[pv + d], v1 = u[pv + d + 1], v2 = u[pv + d + 2], v3 = u[pv + d + 3];
            float[] s0 = slices[q + d], s1 = slices[q + d + 1], s2 = slices[q + d + 2], s3 = slices[q + d + 3];
            for (int j = 0; j < len; j++) {
                float x0 = s0[j], x1 = s1[j], x2 = s2[j], x3 = s3[j];
                a[j] = a[j] + u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
                c[j] = c[j] + v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
            }
        }
        for (; d < dim; d++) {
            float u0 = u[pu + d];
            float v0 = u[pv + d];
            float[] s0 = slices[q + d];
            for (int j = 0; j < len; j++) {
                float x0 = s0[j];
                a[j] += u0 * x0;
                c[j] += v0 * x0;
            }
        }
    }

    /** As {@link #twoUsers} for one user vector at {@code u[pu..pu+dim)}. */
    static void oneUser(float[][] slices, int dim, float[] u, int pu, int t, int len, float[] a) {
        int q = t * dim;
        int d = 0;
        if (dim >= 4) {
            float u0 = u[pu], u1 = u[pu + 1], u2 = u[pu + 2], u3 = u[pu + 3];
            float[] s0 = slices[q], s1 = slices[q + 1], s2 = slices[q + 2], s3 = slices[q + 3];
            for (int j = 0; j < len; j++) {
                a[j] = 0f + u0 * s0[j] + u1 * s1[j] + u2 * s2[j] + u3 * s3[j];
            }
            d = 4;
        } else {
            Arrays.fill(a, 0, len, 0f);
        }
        for (; d + 4 <= dim; d += 4) {
            float u0 = u[pu + d], u1 = u[pu + d + 1], u2 = u[pu + d + 2], u3 = u[pu + d + 3];
            float[] s0 = slices[q + d], s1 = slices[q + d + 1], s2 = slices[q + d + 2], s3 = slices[q + d + 3];
            for (int j = 0; j < len; j++) {
                a[j] = a[j] + u0 * s0[j] + u1 * s1[j] + u2 * s2[j] + u3 * s3[j];
            }
        }
        for (; d < dim; d++) {
            float u0 = u[pu + d];
            float[] s0 = slices[q + d];
            for (int j = 0; j < len; j++) {
                a[j] += u0 * s0[j];
            }
        }
    }
}
