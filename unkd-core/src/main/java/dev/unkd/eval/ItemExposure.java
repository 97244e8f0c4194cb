package dev.unkd.eval;

/**
 * How often each item appears in the users' top K: the state behind {@link ExposureMetric}s ({@link Coverage},
 * {@link ExposureGini}). Counts add, so parts combine exactly.
 */
final class ItemExposure {
    private final int k;
    private final long[] counts;

    ItemExposure(int numItems, int k) {
        this.k = k;
        this.counts = new long[numItems];
    }

    void add(JudgedList list) {
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            counts[list.item(r)]++;
        }
    }

    void add(ItemExposure other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** The counts per item; do not modify. */
    long[] counts() {
        return counts;
    }
}
