package dev.unkd.data;

import java.util.SplittableRandom;

/**
 * Weighted sampling without replacement by a reservoir with exponential jumps (Efraimidis and
 * Spirakis, "Weighted random sampling with a reservoir", IPL 2006, algorithm A-ExpJ): item i gets
 * the key {@code U_i^(1/w_i)} and the {@code count} largest keys win, which is the same
 * distribution as drawing one item at a time with probability proportional to its weight among
 * those not yet drawn. Random numbers and logarithms are needed only for items that enter the
 * reservoir (O(count log(n / count)) of them), so a pass costs little more than reading the
 * weights. Keys are kept as logarithms.
 */
final class WeightedSampling {
    private WeightedSampling() {
    }

    /**
     * {@code min(count, n)} distinct indices drawn with probability proportional to
     * {@code weights} (positive and finite), in no particular order.
     */
    static int[] withoutReplacement(double[] weights, int count, SplittableRandom random) {
        int n = weights.length;
        int size = Math.min(count, n);
        if (size <= 0) {
            return new int[0];
        }
        double[] heapKey = new double[size]; // min-heap of log keys
        int[] heapItem = new int[size];
        int i = 0;
        for (; i < size; i++) {
            heapKey[i] = logUniform(random) / weights[i];
            heapItem[i] = i;
            siftUp(heapKey, heapItem, i);
        }
        double jump = logUniform(random) / heapKey[0]; // weight to skip before the next entry
        for (; i < n; i++) {
            double w = weights[i];
            jump -= w;
            if (jump <= 0) {
                // item i enters with a key uniform in (threshold^w, 1); log1p/expm1 keep the
                // precision when the threshold is close to 1
                heapKey[0] = Math.log1p(Math.expm1(heapKey[0] * w) * (1 - random.nextDouble())) / w;
                heapItem[0] = i;
                siftDown(heapKey, heapItem, 0);
                jump = logUniform(random) / heapKey[0];
            }
        }
        return heapItem;
    }

    /** log(U) for U uniform in (0, 1): strictly negative and finite. */
    private static double logUniform(SplittableRandom random) {
        return Math.log(random.nextDouble(Double.MIN_VALUE, 1.0));
    }

    private static void siftUp(double[] key, int[] item, int k) {
        while (k > 0) {
            int parent = (k - 1) / 2;
            if (key[parent] <= key[k]) {
                return;
            }
            swap(key, item, parent, k);
            k = parent;
        }
    }

    private static void siftDown(double[] key, int[] item, int k) {
        int n = key.length;
        while (true) {
            int smallest = k;
            int left = 2 * k + 1;
            int right = left + 1;
            if (left < n && key[left] < key[smallest]) {
                smallest = left;
            }
            if (right < n && key[right] < key[smallest]) {
                smallest = right;
            }
            if (smallest == k) {
                return;
            }
            swap(key, item, smallest, k);
            k = smallest;
        }
    }

    private static void swap(double[] key, int[] item, int a, int b) {
        double tk = key[a];
        key[a] = key[b];
        key[b] = tk;
        int ti = item[a];
        item[a] = item[b];
        item[b] = ti;
    }
}
