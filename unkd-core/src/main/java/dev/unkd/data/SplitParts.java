package dev.unkd.data;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Helpers shared by the splitters: the rows of each user, and turning a per-row part label into a
 * {@link Dataset}.
 */
final class SplitParts {
    static final byte TRAIN = 0;
    static final byte VALID = 1;
    static final byte TEST = 2;

    private SplitParts() {
    }

    /** Row indices grouped by user (CSR: user u's rows are {@code rows[ptr[u]..ptr[u+1])}, in file order). */
    record UserRows(int[] ptr, int[] rows) {
        static UserRows of(InteractionLog log) {
            int[] ptr = new int[log.numUsers() + 1];
            for (int k = 0; k < log.size(); k++) {
                ptr[log.user(k) + 1]++;
            }
            for (int u = 0; u < log.numUsers(); u++) {
                ptr[u + 1] += ptr[u];
            }
            int[] rows = new int[log.size()];
            int[] fill = Arrays.copyOf(ptr, log.numUsers());
            for (int k = 0; k < log.size(); k++) {
                rows[fill[log.user(k)]++] = k;
            }
            return new UserRows(ptr, rows);
        }

        /** User u's rows in file order (a copy). */
        int[] inFileOrder(int u) {
            return Arrays.copyOfRange(rows, ptr[u], ptr[u + 1]);
        }

        /** User u's rows sorted by item index, so a split does not depend on the file's row order. */
        int[] byItem(InteractionLog log, int u) {
            int[] r = Arrays.copyOfRange(rows, ptr[u], ptr[u + 1]);
            sortBy(r, k -> log.item(k));
            return r;
        }

        /** User u's rows sorted by timestamp, ties in file order. */
        int[] byTime(InteractionLog log, int u) {
            int[] r = Arrays.copyOfRange(rows, ptr[u], ptr[u + 1]);
            sortBy(r, log::timestamp);
            return r;
        }

        private static void sortBy(int[] rows, IntToLongFunction key) {
            Integer[] order = new Integer[rows.length];
            for (int k = 0; k < rows.length; k++) {
                order[k] = rows[k];
            }
            // stable: equal keys keep the (ascending) row order
            Arrays.sort(order, (a, b) -> {
                int c = Long.compare(key.applyAsLong(a), key.applyAsLong(b));
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int k = 0; k < rows.length; k++) {
                rows[k] = order[k];
            }
        }
    }

    /** Builds the dataset from one part label per row of a deduplicated log. */
    static Dataset build(InteractionLog log, byte[] partOfRow) {
        int[] counts = new int[3];
        for (byte p : partOfRow) {
            counts[p]++;
        }
        Interactions[] parts = new Interactions[3];
        for (byte p = 0; p < 3; p++) {
            int[] u = new int[counts[p]];
            int[] i = new int[counts[p]];
            int n = 0;
            for (int k = 0; k < log.size(); k++) {
                if (partOfRow[k] == p) {
                    u[n] = log.user(k);
                    i[n] = log.item(k);
                    n++;
                }
            }
            parts[p] = Interactions.of(log.numUsers(), log.numItems(), u, i);
        }
        return new Dataset(log.source(), log.users(), log.items(), parts[TRAIN], parts[VALID], parts[TEST]);
    }
}
