package dev.unkd.distill;

import java.util.Arrays;

/**
 * The units a batch distiller works on: the distinct ids of a batch's column (its users, or its
 * positive items), ascending, each with how many of the batch's rows carry it. Buffers are kept
 * from batch to batch; a call costs O(n + m log m) for n rows with m distinct ids.
 */
final class BatchUnits {
    /** Rows per id while {@link #add} counts; all zero between calls. */
    private final int[] seenCount;
    private int[] ids = new int[0];
    private int[] counts = new int[0];
    private int size;

    /** Units for ids in [0, numIds). */
    BatchUnits(int numIds) {
        this.seenCount = new int[numIds];
    }

    /** Forgets the units, with room for {@code capacity} of them. */
    void clear(int capacity) {
        if (ids.length < capacity) {
            ids = new int[capacity];
            counts = new int[capacity];
        }
        size = 0;
    }

    /** Appends the distinct ids of {@code column[0..n)}, ascending, with their counts; returns how many it appended. */
    int add(int[] column, int n) {
        int at = size;
        int m = 0;
        for (int b = 0; b < n; b++) {
            if (seenCount[column[b]]++ == 0) {
                ids[at + m++] = column[b];
            }
        }
        Arrays.sort(ids, at, at + m);
        for (int j = at; j < at + m; j++) {
            counts[j] = seenCount[ids[j]];
            seenCount[ids[j]] = 0;
        }
        size = at + m;
        return m;
    }

    int size() {
        return size;
    }

    /**
     * Where the units of a batch's rows [0, row) end, as a share of {@code rows}: a caller given the
     * rows [from, to) of the batch works on the units [boundary(from, rows), boundary(to, rows)).
     */
    int boundary(int row, int rows) {
        return (int) ((long) size * row / rows);
    }

    int id(int unit) {
        return ids[unit];
    }

    /** How many of the batch's rows carry {@link #id}(unit). */
    int count(int unit) {
        return counts[unit];
    }
}
