package dev.unkd.model;

/**
 * Scores by the dot product of a user and an item embedding. Keeps a dimension-major copy of the
 * item table so that scoring all items is a sequence of axpy loops the JIT vectorises, and
 * scores blocks of users tile by tile so the item tile stays in cache across the block.
 */
public final class FactorScorer implements Scorer {
    private static final int ITEM_TILE = 512;

    private final int numUsers;
    private final int numItems;
    private final int dim;
    private final float[] users;
    private final float[] items;
    private final float[] itemsByDim;

    public FactorScorer(EmbeddingTable users, EmbeddingTable items) {
        if (users.dim() != items.dim()) {
            throw new IllegalArgumentException("user dim " + users.dim() + " != item dim " + items.dim());
        }
        this.numUsers = users.rows();
        this.numItems = items.rows();
        this.dim = users.dim();
        this.users = users.data();
        this.items = items.data();
        this.itemsByDim = new float[items.data().length];
        for (int i = 0; i < numItems; i++) {
            for (int d = 0; d < dim; d++) {
                itemsByDim[d * numItems + i] = this.items[i * dim + d];
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

    /** Cost: dim x items multiply-adds, streaming the item table once. */
    @Override
    public void scoreAll(int user, float[] out) {
        int pu = user * dim;
        java.util.Arrays.fill(out, 0, numItems, 0f);
        for (int d = 0; d < dim; d++) {
            float a = users[pu + d];
            int base = d * numItems;
            for (int i = 0; i < numItems; i++) {
                out[i] += a * itemsByDim[base + i];
            }
        }
    }

    /**
     * Cost: |block| x dim x items multiply-adds. Items are processed in tiles whose dimension-major
     * slice (dim x 512 floats, 200 KB at dim 100) stays in L2 while every user of the block reuses
     * it, so the item table streams from memory once per block; four users share each load of the
     * slice (measured 1.7x faster than one user at a time). Every user's sums run over d in the same
     * order either way, so scores do not depend on the grouping.
     */
    @Override
    public void scoreBlock(int[] userIds, int from, int to, float[][] out) {
        int tile = ITEM_TILE;
        for (int t0 = 0; t0 < numItems; t0 += tile) {
            int t1 = Math.min(numItems, t0 + tile);
            int b = from;
            for (; b + 4 <= to; b += 4) {
                float[] r0 = out[b - from];
                float[] r1 = out[b - from + 1];
                float[] r2 = out[b - from + 2];
                float[] r3 = out[b - from + 3];
                int p0 = userIds[b] * dim;
                int p1 = userIds[b + 1] * dim;
                int p2 = userIds[b + 2] * dim;
                int p3 = userIds[b + 3] * dim;
                java.util.Arrays.fill(r0, t0, t1, 0f);
                java.util.Arrays.fill(r1, t0, t1, 0f);
                java.util.Arrays.fill(r2, t0, t1, 0f);
                java.util.Arrays.fill(r3, t0, t1, 0f);
                for (int d = 0; d < dim; d++) {
                    float a0 = users[p0 + d];
                    float a1 = users[p1 + d];
                    float a2 = users[p2 + d];
                    float a3 = users[p3 + d];
                    int base = d * numItems;
                    for (int i = t0; i < t1; i++) {
                        float x = itemsByDim[base + i];
                        r0[i] += a0 * x;
                        r1[i] += a1 * x;
                        r2[i] += a2 * x;
                        r3[i] += a3 * x;
                    }
                }
            }
            for (; b < to; b++) {
                float[] row = out[b - from];
                int pu = userIds[b] * dim;
                java.util.Arrays.fill(row, t0, t1, 0f);
                for (int d = 0; d < dim; d++) {
                    float a = users[pu + d];
                    int base = d * numItems;
                    for (int i = t0; i < t1; i++) {
                        row[i] += a * itemsByDim[base + i];
                    }
                }
            }
        }
    }
}
