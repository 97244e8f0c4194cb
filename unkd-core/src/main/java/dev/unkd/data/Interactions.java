package dev.unkd.data;

import java.util.Arrays;

/**
 * An immutable set of (user, item) pairs over dense indices, stored as CSR by user (items of a
 * user sorted ascending, no duplicates) plus the transposed CSR by item. Memory: 4 bytes x
 * (2 nnz + users + items + 2).
 */
public final class Interactions {
    private final int numUsers;
    private final int numItems;
    private final int[] userPtr;
    private final int[] userItems;
    private final int[] itemPtr;
    private final int[] itemUsers;

    private Interactions(int numUsers, int numItems, int[] userPtr, int[] userItems) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.userPtr = userPtr;
        this.userItems = userItems;
        this.itemPtr = new int[numItems + 1];
        for (int it : userItems) {
            itemPtr[it + 1]++;
        }
        for (int i = 0; i < numItems; i++) {
            itemPtr[i + 1] += itemPtr[i];
        }
        this.itemUsers = new int[userItems.length];
        int[] fill = Arrays.copyOf(itemPtr, numItems);
        for (int u = 0; u < numUsers; u++) {
            for (int k = userPtr[u]; k < userPtr[u + 1]; k++) {
                itemUsers[fill[userItems[k]]++] = u; // users ascending within each item
            }
        }
    }

    /** Builds from parallel arrays of pairs (any order); duplicate pairs are dropped. */
    public static Interactions of(int numUsers, int numItems, int[] users, int[] items) {
        if (users.length != items.length) {
            throw new IllegalArgumentException("users and items differ in length: " + users.length + " vs " + items.length);
        }
        int[] ptr = new int[numUsers + 1];
        for (int k = 0; k < users.length; k++) {
            checkIndex(users[k], numUsers, "user");
            checkIndex(items[k], numItems, "item");
            ptr[users[k] + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            ptr[u + 1] += ptr[u];
        }
        int[] raw = new int[users.length];
        int[] fill = Arrays.copyOf(ptr, numUsers);
        for (int k = 0; k < users.length; k++) {
            raw[fill[users[k]]++] = items[k];
        }
        int[] outPtr = new int[numUsers + 1];
        int n = 0;
        for (int u = 0; u < numUsers; u++) {
            Arrays.sort(raw, ptr[u], ptr[u + 1]);
            for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                if (k == ptr[u] || raw[k] != raw[k - 1]) {
                    raw[n++] = raw[k];
                }
            }
            outPtr[u + 1] = n;
        }
        return new Interactions(numUsers, numItems, outPtr, Arrays.copyOf(raw, n));
    }

    public static Interactions empty(int numUsers, int numItems) {
        return new Interactions(numUsers, numItems, new int[numUsers + 1], new int[0]);
    }

    private static void checkIndex(int v, int n, String what) {
        if (v < 0 || v >= n) {
            throw new IllegalArgumentException(what + " index " + v + " outside 0.." + (n - 1));
        }
    }

    public int numUsers() {
        return numUsers;
    }

    public int numItems() {
        return numItems;
    }

    public int size() {
        return userItems.length;
    }

    /** Offset of user u's first item in {@link #userItemArray()}. */
    public int userStart(int u) {
        return userPtr[u];
    }

    public int userEnd(int u) {
        return userPtr[u + 1];
    }

    public int userDegree(int u) {
        return userPtr[u + 1] - userPtr[u];
    }

    public int itemDegree(int i) {
        return itemPtr[i + 1] - itemPtr[i];
    }

    public int itemStart(int i) {
        return itemPtr[i];
    }

    public int itemEnd(int i) {
        return itemPtr[i + 1];
    }

    /** The CSR column array (items of all users, concatenated); do not modify. */
    public int[] userItemArray() {
        return userItems;
    }

    /** The transposed CSR column array (users of all items, concatenated); do not modify. */
    public int[] itemUserArray() {
        return itemUsers;
    }

    /** A copy of the items of user u, ascending. */
    public int[] itemsOf(int u) {
        return Arrays.copyOfRange(userItems, userPtr[u], userPtr[u + 1]);
    }

    public boolean contains(int u, int i) {
        return Arrays.binarySearch(userItems, userPtr[u], userPtr[u + 1], i) >= 0;
    }

    /** Number of training interactions of every item. */
    public int[] itemPopularity() {
        int[] pop = new int[numItems];
        for (int i = 0; i < numItems; i++) {
            pop[i] = itemDegree(i);
        }
        return pop;
    }

    /** Number of users with at least one item. */
    public int activeUsers() {
        int n = 0;
        for (int u = 0; u < numUsers; u++) {
            if (userDegree(u) > 0) {
                n++;
            }
        }
        return n;
    }

    /** Users of every pair in CSR order (the row index expanded). */
    public int[] pairUsers() {
        int[] out = new int[userItems.length];
        for (int u = 0; u < numUsers; u++) {
            Arrays.fill(out, userPtr[u], userPtr[u + 1], u);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interactions other && numUsers == other.numUsers && numItems == other.numItems
                && Arrays.equals(userPtr, other.userPtr) && Arrays.equals(userItems, other.userItems);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(userPtr) + Arrays.hashCode(userItems);
    }

    @Override
    public String toString() {
        return "Interactions[users=" + numUsers + ", items=" + numItems + ", pairs=" + size() + "]";
    }
}
