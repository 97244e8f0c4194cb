package dev.unkd.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Interactions as read from a file, before filtering and splitting: one row per interaction in
 * file order, with dense user and item indices, an optional rating ({@code NaN} when absent) and
 * an optional timestamp ({@link #NO_TIMESTAMP} when absent). Immutable; every operation returns a
 * new log.
 */
public final class InteractionLog {
    /** Timestamp of a row whose source gave none. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private final String source;
    private final IdMap users;
    private final IdMap items;
    private final int[] user;
    private final int[] item;
    private final float[] rating;
    private final long[] timestamp;

    /**
     * A log over the given id maps. {@code rating} and {@code timestamp} may be null (all absent).
     * The arrays are not copied: do not modify them afterwards.
     */
    public InteractionLog(String source, IdMap users, IdMap items, int[] user, int[] item, float[] rating, long[] timestamp) {
        int n = user.length;
        if (item.length != n || (rating != null && rating.length != n) || (timestamp != null && timestamp.length != n)) {
            throw new IllegalArgumentException("Invalid interaction log: column lengths differ (" + n + " users, " + item.length
                    + " items, " + (rating == null ? "-" : rating.length) + " ratings, "
                    + (timestamp == null ? "-" : timestamp.length) + " timestamps)");
        }
        for (int k = 0; k < n; k++) {
            if (user[k] < 0 || user[k] >= users.size() || item[k] < 0 || item[k] >= items.size()) {
                throw new IllegalArgumentException("Invalid interaction log row " + k + ": (" + user[k] + ", " + item[k]
                        + ") outside " + users.size() + " users x " + items.size() + " items");
            }
        }
        this.source = source;
        this.users = users;
        this.items = items;
        this.user = user;
        this.item = item;
        if (rating == null) {
            rating = new float[n];
            Arrays.fill(rating, Float.NaN);
        }
        if (timestamp == null) {
            timestamp = new long[n];
            Arrays.fill(timestamp, NO_TIMESTAMP);
        }
        this.rating = rating;
        this.timestamp = timestamp;
    }

    /** Where the rows came from (a file name, or a description such as "synthetic(seed=1)"). */
    public String source() {
        return source;
    }

    public IdMap users() {
        return users;
    }

    public IdMap items() {
        return items;
    }

    public int numUsers() {
        return users.size();
    }

    public int numItems() {
        return items.size();
    }

    /** Number of rows. */
    public int size() {
        return user.length;
    }

    public int user(int row) {
        return user[row];
    }

    public int item(int row) {
        return item[row];
    }

    /** Rating of a row, {@code NaN} when absent. */
    public float rating(int row) {
        return rating[row];
    }

    /** Timestamp of a row, {@link #NO_TIMESTAMP} when absent. */
    public long timestamp(int row) {
        return timestamp[row];
    }

    /** True when the log is not empty and every row has a timestamp. */
    public boolean hasTimestamps() {
        if (timestamp.length == 0) {
            return false;
        }
        for (long t : timestamp) {
            if (t == NO_TIMESTAMP) {
                return false;
            }
        }
        return true;
    }

    /** True when at least one row has a rating. */
    public boolean hasRatings() {
        for (float r : rating) {
            if (!Float.isNaN(r)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct (user, item) pairs over the full id space of this log. */
    public Interactions toInteractions() {
        return Interactions.of(users.size(), items.size(), user, item);
    }

    /** The rows whose index is listed, in the given order, over the same id maps. */
    public InteractionLog selectRows(int[] rows) {
        int[] u = new int[rows.length];
        int[] i = new int[rows.length];
        float[] r = new float[rows.length];
        long[] t = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            u[k] = user[rows[k]];
            i[k] = item[rows[k]];
            r[k] = rating[rows[k]];
            t[k] = timestamp[rows[k]];
        }
        return new InteractionLog(source, users, items, u, i, r, t);
    }

    /**
     * Keeps rows whose rating is at least {@code minRating}; rows without a rating are kept, so an
     * implicit-feedback file passes unchanged. Turns explicit ratings into implicit feedback.
     */
    public InteractionLog withMinRating(double minRating) {
        if (Double.isNaN(minRating)) {
            throw new IllegalArgumentException("Invalid minimum rating: " + minRating);
        }
        int[] keep = new int[size()];
        int n = 0;
        for (int k = 0; k < size(); k++) {
            if (Float.isNaN(rating[k]) || rating[k] >= minRating) {
                keep[n++] = k;
            }
        }
        return n == size() ? this : selectRows(Arrays.copyOf(keep, n));
    }

    /**
     * Drops repeated (user, item) pairs. The first row of each pair in file order is kept, with its
     * rating; its timestamp becomes the earliest timestamp among the pair's rows, the moment the
     * item entered the user's history, so a "latest item" hold-out never picks a re-consumed item.
     * Returns this log when there are no duplicates.
     */
    public InteractionLog dedupe() {
        // Rows grouped by user (CSR over row indices, file order within a user), then one pass per
        // user with a per-item stamp: O(rows + items), no boxing.
        int[] ptr = new int[users.size() + 1];
        for (int u : user) {
            ptr[u + 1]++;
        }
        for (int u = 0; u < users.size(); u++) {
            ptr[u + 1] += ptr[u];
        }
        int[] rowsByUser = new int[size()];
        int[] fill = Arrays.copyOf(ptr, users.size());
        for (int k = 0; k < size(); k++) {
            rowsByUser[fill[user[k]]++] = k;
        }
        int[] stamp = new int[items.size()];
        Arrays.fill(stamp, -1);
        int[] firstRowOfItem = new int[items.size()];
        boolean[] kept = new boolean[size()];
        long[] earliest = timestamp.clone();
        int n = 0;
        for (int u = 0; u < users.size(); u++) {
            for (int p = ptr[u]; p < ptr[u + 1]; p++) {
                int k = rowsByUser[p];
                int i = item[k];
                if (stamp[i] != u) {
                    stamp[i] = u;
                    firstRowOfItem[i] = k;
                    kept[k] = true;
                    n++;
                } else if (timestamp[k] != NO_TIMESTAMP) {
                    int first = firstRowOfItem[i];
                    if (earliest[first] == NO_TIMESTAMP || timestamp[k] < earliest[first]) {
                        earliest[first] = timestamp[k];
                    }
                }
            }
        }
        if (n == size()) {
            return this;
        }
        int[] u = new int[n];
        int[] i = new int[n];
        float[] r = new float[n];
        long[] t = new long[n];
        int m = 0;
        for (int k = 0; k < size(); k++) {
            if (kept[k]) {
                u[m] = user[k];
                i[m] = item[k];
                r[m] = rating[k];
                t[m] = earliest[k];
                m++;
            }
        }
        return new InteractionLog(source, users, items, u, i, r, t);
    }

    /**
     * Drops users and items without any row and renumbers the rest densely, keeping their order
     * (use after filtering). Returns this log when every id has a row.
     */
    public InteractionLog compact() {
        int[] userMap = denseRenumbering(user, users.size());
        int[] itemMap = denseRenumbering(item, items.size());
        int keptUsers = count(userMap);
        int keptItems = count(itemMap);
        if (keptUsers == users.size() && keptItems == items.size()) {
            return this;
        }
        int[] u = new int[size()];
        int[] i = new int[size()];
        for (int k = 0; k < size(); k++) {
            u[k] = userMap[user[k]];
            i[k] = itemMap[item[k]];
        }
        return new InteractionLog(source, users.select(keptIndices(userMap, keptUsers)),
                items.select(keptIndices(itemMap, keptItems)), u, i, rating, timestamp);
    }

    /** New index of each old index (-1 when unused), in increasing order of the old index. */
    private static int[] denseRenumbering(int[] column, int n) {
        boolean[] used = new boolean[n];
        for (int v : column) {
            used[v] = true;
        }
        int[] map = new int[n];
        int next = 0;
        for (int v = 0; v < n; v++) {
            map[v] = used[v] ? next++ : -1;
        }
        return map;
    }

    private static int count(int[] map) {
        int c = 0;
        for (int v : map) {
            if (v >= 0) {
                c++;
            }
        }
        return c;
    }

    private static int[] keptIndices(int[] map, int kept) {
        int[] out = new int[kept];
        for (int v = 0; v < map.length; v++) {
            if (map[v] >= 0) {
                out[map[v]] = v;
            }
        }
        return out;
    }

    /** An error about this log as a whole (no line number), naming its source. */
    public DataFormatException problem(String problem) {
        Path file;
        try {
            file = Path.of(source);
        } catch (InvalidPathException e) {
            file = Path.of("input");
        }
        return new DataFormatException(file, 0, problem);
    }

    /** Number of rows of every user. */
    public int[] userCounts() {
        int[] c = new int[users.size()];
        for (int u : user) {
            c[u]++;
        }
        return c;
    }

    /** Number of rows of every item. */
    public int[] itemCounts() {
        int[] c = new int[items.size()];
        for (int i : item) {
            c[i]++;
        }
        return c;
    }

    @Override
    public String toString() {
        return "InteractionLog[" + source + ": " + users.size() + " users, " + items.size() + " items, " + size() + " rows]";
    }

    /** Collects rows with external ids; users and items get indices in order of first appearance. */
    public static final class Builder {
        private final IdMap.Builder users = new IdMap.Builder();
        private final IdMap.Builder items = new IdMap.Builder();
        private int[] user = new int[1024];
        private int[] item = new int[1024];
        private float[] rating = new float[1024];
        private long[] timestamp = new long[1024];
        private int size;

        /** Adds an interaction without rating or timestamp. */
        public Builder add(String userId, String itemId) {
            return add(userId, itemId, Float.NaN, NO_TIMESTAMP);
        }

        public Builder add(String userId, String itemId, float rating, long timestamp) {
            if (size == user.length) {
                int capacity = size * 2;
                user = Arrays.copyOf(user, capacity);
                item = Arrays.copyOf(item, capacity);
                this.rating = Arrays.copyOf(this.rating, capacity);
                this.timestamp = Arrays.copyOf(this.timestamp, capacity);
            }
            user[size] = users.intern(userId);
            item[size] = items.intern(itemId);
            this.rating[size] = rating;
            this.timestamp[size] = timestamp;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public InteractionLog build(String source) {
            return new InteractionLog(source, users.build(), items.build(), Arrays.copyOf(user, size),
                    Arrays.copyOf(item, size), Arrays.copyOf(rating, size), Arrays.copyOf(timestamp, size));
        }
    }
}
