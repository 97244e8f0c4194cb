package dev.unkd.spark;

import java.io.Serializable;

/**
 * What every executor needs of the items, broadcast once per job: the item embeddings (row
 * major, the split's item index order) and the candidate groups (ascending item indices each,
 * as {@link dev.unkd.distill.TeacherRanking#compute} expects).
 */
record ItemSide(int numItems, int dim, float[] embeddings, int[][] groups) implements Serializable {
    ItemSide {
        if (embeddings.length != (long) numItems * dim) {
            throw new IllegalArgumentException("item table has " + embeddings.length + " floats, expected " + numItems + " x " + dim);
        }
    }

    /** One group holding every item: plain top-K over all items (evaluation). */
    static int[][] allItems(int numItems) {
        int[] all = new int[numItems];
        for (int i = 0; i < numItems; i++) {
            all[i] = i;
        }
        return new int[][] {all};
    }
}
