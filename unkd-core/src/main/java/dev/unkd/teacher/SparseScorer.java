package dev.unkd.teacher;

import dev.unkd.model.Scorer;
import java.util.Arrays;

/**
 * Scores given for some (user, item) pairs only, -Infinity for all others: a teacher known by
 * its score (or ranking) file. Stored CSR by user with items ascending; memory 8 bytes per
 * listed pair. Enough for methods that need the teacher's order (UnKD) or its scores on its own
 * top items (CD).
 */
public final class SparseScorer implements Scorer {
    private final int numUsers;
    private final int numItems;
    private final int[] userPtr;
    private final int[] items;
    private final float[] scores;

    /** From parallel arrays sorted by user then item, without duplicate pairs. */
    SparseScorer(int numUsers, int numItems, int[] userPtr, int[] items, float[] scores) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.userPtr = userPtr;
        this.items = items;
        this.scores = scores;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /** Number of scored pairs. */
    public int size() {
        return items.length;
    }

    /** Number of items scored for user u. */
    public int userDegree(int u) {
        return userPtr[u + 1] - userPtr[u];
    }

    @Override
    public float score(int user, int item) {
        int k = Arrays.binarySearch(items, userPtr[user], userPtr[user + 1], item);
        return k >= 0 ? scores[k] : Float.NEGATIVE_INFINITY;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        Arrays.fill(out, 0, numItems, Float.NEGATIVE_INFINITY);
        for (int k = userPtr[user]; k < userPtr[user + 1]; k++) {
            out[items[k]] = scores[k];
        }
    }
}
