package dev.unkd.model;

import java.util.Arrays;

/**
 * Scores by the dot product of a user and an item embedding.
 *
 * <p>Scoring all items is the hot loop of evaluation, serving and teacher ranking. The item table
 * is kept a second time as dimension-major slices, one {@code float[TILE]} per (item tile,
 * dimension), so the kernel is {@code acc[j] += a * slice[j]}: the same index on both arrays,
 * which HotSpot vectorises (an axpy between two offsets of arrays that may alias is left
 * scalar; measured 10x slower). Four users share each slice load, and a tile's slices
 * (dim x 512 floats) stay in cache while a block of users reuses them. Every score sums over d
 * in the same order as {@link #score}, so all paths give bit-identical results.
 */
public final class FactorScorer implements Scorer {
    private static final int TILE = 512;

    private final int numUsers;
    private final int numItems;
    private final int dim;
    private final float[] users;
    private final float[] items;
    /** slices[t * dim + d][j] = item (t * TILE + j), dimension d. */
    private final float[][] slices;
    private final ThreadLocal<float[][]> accumulators = ThreadLocal.withInitial(() -> new float[4][TILE]);

    public FactorScorer(EmbeddingTable users, EmbeddingTable items) {
        if (users.dim() != items.dim()) {
            throw new IllegalArgumentException("user dim " + users.dim() + " != item dim " + items.dim());
        }
        this.numUsers = users.rows();
        this.numItems = items.rows();
        this.dim = users.dim();
        this.users = users.data();
        this.items = items.data();
        int tiles = (numItems + TILE - 1) / TILE;
        this.slices = new float[tiles * dim][];
        for (int t = 0; t < tiles; t++) {
            int t0 = t * TILE;
            int len = Math.min(numItems, t0 + TILE) - t0;
            for (int d = 0; d < dim; d++) {
                float[] s = new float[len];
                for (int j = 0; j < len; j++) {
                    s[j] = this.items[(t0 + j) * dim + d];
                }
                slices[t * dim + d] = s;
            }
        }
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
        float[] acc = accumulators.get()[0];
        for (int t = 0, t0 = 0; t0 < numItems; t++, t0 += TILE) {
            int len = Math.min(numItems - t0, TILE);
            Arrays.fill(acc, 0, len, 0f);
            for (int d = 0; d < dim; d++) {
                float a = users[pu + d];
                float[] s = slices[t * dim + d];
                for (int j = 0; j < len; j++) {
                    acc[j] += a * s[j];
                }
            }
            System.arraycopy(acc, 0, out, t0, len);
        }
    }

    /** Cost: |block| x dim x items multiply-adds; the item table streams from memory once per block. */
    @Override
    public void scoreBlock(int[] userIds, int from, int to, float[][] out) {
        float[][] acc = accumulators.get();
        float[] a0 = acc[0];
        float[] a1 = acc[1];
        float[] a2 = acc[2];
        float[] a3 = acc[3];
        for (int t = 0, t0 = 0; t0 < numItems; t++, t0 += TILE) {
            int len = Math.min(numItems - t0, TILE);
            int b = from;
            for (; b + 4 <= to; b += 4) {
                int p0 = userIds[b] * dim;
                int p1 = userIds[b + 1] * dim;
                int p2 = userIds[b + 2] * dim;
                int p3 = userIds[b + 3] * dim;
                Arrays.fill(a0, 0, len, 0f);
                Arrays.fill(a1, 0, len, 0f);
                Arrays.fill(a2, 0, len, 0f);
                Arrays.fill(a3, 0, len, 0f);
                for (int d = 0; d < dim; d++) {
                    float u0 = users[p0 + d];
                    float u1 = users[p1 + d];
                    float u2 = users[p2 + d];
                    float u3 = users[p3 + d];
                    float[] s = slices[t * dim + d];
                    for (int j = 0; j < len; j++) {
                        float x = s[j];
                        a0[j] += u0 * x;
                        a1[j] += u1 * x;
                        a2[j] += u2 * x;
                        a3[j] += u3 * x;
                    }
                }
                System.arraycopy(a0, 0, out[b - from], t0, len);
                System.arraycopy(a1, 0, out[b - from + 1], t0, len);
                System.arraycopy(a2, 0, out[b - from + 2], t0, len);
                System.arraycopy(a3, 0, out[b - from + 3], t0, len);
            }
            for (; b < to; b++) {
                int pu = userIds[b] * dim;
                Arrays.fill(a0, 0, len, 0f);
                for (int d = 0; d < dim; d++) {
                    float u = users[pu + d];
                    float[] s = slices[t * dim + d];
                    for (int j = 0; j < len; j++) {
                        a0[j] += u * s[j];
                    }
                }
                System.arraycopy(a0, 0, out[b - from], t0, len);
            }
        }
    }
}
