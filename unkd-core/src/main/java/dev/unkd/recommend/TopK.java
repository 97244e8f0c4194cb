package dev.unkd.recommend;

/**
 * Partial selection of the k best items of a score array with a bounded min-heap of primitive
 * arrays (no allocation per scored item): O(n log k). Ties go to the lower item index;
 * items scored {@code -Infinity} (excluded) or NaN are never selected.
 */
public final class TopK {
    private final int k;
    private final float[] heapScore;
    private final int[] heapItem;
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k: " + k);
        }
        this.k = k;
        this.heapScore = new float[k];
        this.heapItem = new int[k];
    }

    /** The list length this heap selects. */
    public int k() {
        return k;
    }

    /** Selects from scores[0..n) and returns the items best first (fewer than k if too few are eligible). */
    public int[] select(float[] scores, int n) {
        size = 0;
        for (int i = 0; i < n; i++) {
            float s = scores[i];
            if (size < k) {
                if (s > Float.NEGATIVE_INFINITY) { // false for -Inf and NaN
                    push(s, i);
                }
            } else if (s > heapScore[0]) { // later items with equal score lose: lower index wins ties
                heapScore[0] = s;
                heapItem[0] = i;
                siftDown(0);
            }
        }
        return drain();
    }

    /** Empties the heap for a selection fed by {@link #offer} in any item order. */
    public void clear() {
        size = 0;
    }

    /**
     * Offers one scored item: kept when the heap is not full, or when it ranks above the worst kept
     * item by (score descending, index ascending), so the result does not depend on offer order.
     * -Infinity and NaN are never kept.
     */
    public void offer(float s, int item) {
        if (size < k) {
            if (s > Float.NEGATIVE_INFINITY) {
                push(s, item);
            }
        } else if (worse(heapScore[0], heapItem[0], s, item)) {
            heapScore[0] = s;
            heapItem[0] = item;
            siftDown(0);
        }
    }

    /** True once k items are kept. */
    public boolean full() {
        return size == k;
    }

    /** The worst kept score (meaningful when {@link #full}). */
    public float worstScore() {
        return heapScore[0];
    }

    /** The kept items best first; empties the heap. */
    public int[] drain() {
        int[] out = new int[size];
        for (int pos = size - 1; pos >= 0; pos--) {
            out[pos] = heapItem[0];
            heapScore[0] = heapScore[size - 1];
            heapItem[0] = heapItem[size - 1];
            size--;
            siftDown(0);
        }
        return out;
    }

    /** True when (s1, i1) ranks below (s2, i2): lower score, or equal score and higher index. */
    private static boolean worse(float s1, int i1, float s2, int i2) {
        return s1 < s2 || (s1 == s2 && i1 > i2);
    }

    private void push(float s, int item) {
        int pos = size++;
        heapScore[pos] = s;
        heapItem[pos] = item;
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!worse(heapScore[pos], heapItem[pos], heapScore[parent], heapItem[parent])) {
                break;
            }
            swap(pos, parent);
            pos = parent;
        }
    }

    private void siftDown(int pos) {
        while (true) {
            int l = 2 * pos + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && worse(heapScore[r], heapItem[r], heapScore[l], heapItem[l])) {
                worst = r;
            }
            if (!worse(heapScore[worst], heapItem[worst], heapScore[pos], heapItem[pos])) {
                return;
            }
            swap(pos, worst);
            pos = worst;
        }
    }

    private void swap(int a, int b) {
        float s = heapScore[a];
        heapScore[a] = heapScore[b];
        heapScore[b] = s;
        int t = heapItem[a];
        heapItem[a] = heapItem[b];
        heapItem[b] = t;
    }
}
