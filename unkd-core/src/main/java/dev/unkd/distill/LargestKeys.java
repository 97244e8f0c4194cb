package dev.unkd.distill;

/**
 * The positions of the {@code want} largest of {@code n} keys, by a bounded min-heap:
 * O(n log want), no sort of all n. With exponential keys log(U) / w this is a draw of
 * {@code want} positions without replacement with probabilities proportional to w (Efraimidis and
 * Spirakis), the draw of RCE-KD's closure samples ({@link ClosedSubsets}) and of DCD's under- and
 * overestimated columns ({@link CorrectionSide}).
 */
final class LargestKeys {
    private LargestKeys() {
    }

    /**
     * Writes the positions of the {@code want} largest {@code keys[0..n)} to {@code out[0..want)}, in
     * no particular order; at equal keys the earlier position wins. {@code want} must be at most n.
     */
    static void positions(double[] keys, int n, int want, int[] out) {
        int size = 0;
        for (int p = 0; p < n; p++) {
            if (size < want) {
                out[size] = p;
                siftUp(keys, out, size++);
            } else if (keys[p] > keys[out[0]]) {
                out[0] = p;
                siftDown(keys, out, size);
            }
        }
    }

    /** The heap's order: smaller key first, at equal keys the later position first (so it is evicted first). */
    private static boolean before(double[] keys, int a, int b) {
        return keys[a] < keys[b] || (keys[a] == keys[b] && a > b);
    }

    private static void siftUp(double[] keys, int[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(keys, heap[i], heap[parent])) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(double[] keys, int[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && before(keys, heap[l + 1], heap[l]) ? l + 1 : l;
            if (!before(keys, heap[m], heap[i])) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[m];
            heap[m] = t;
            i = m;
        }
    }
}
