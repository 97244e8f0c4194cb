package dev.unkd.data;

import java.util.Arrays;

/**
 * Applies {@link FilterOptions} to a log: drops the interactions of users with too few items and
 * of items with too few users, once or (k-core) until stable, then drops the ids left without
 * interactions and renumbers the rest densely in their original order. Counts rows, so dedupe
 * the log first.
 */
public final class KCoreFilter {
    private KCoreFilter() {
    }

    /**
     * The filtered, compacted log.
     *
     * @throws DataFormatException when no interaction is left
     */
    public static InteractionLog apply(InteractionLog log, FilterOptions options) {
        boolean[] alive = new boolean[log.size()];
        Arrays.fill(alive, true);
        int left = log.size();
        int[] userCount = log.userCounts();
        int[] itemCount = log.itemCounts();
        while (true) {
            // Judge every row on the counts at the start of the pass, then update the counts.
            boolean[] drop = new boolean[log.size()];
            int dropped = 0;
            for (int k = 0; k < log.size(); k++) {
                if (alive[k] && (userCount[log.user(k)] < options.minUserItems() || itemCount[log.item(k)] < options.minItemUsers())) {
                    drop[k] = true;
                    dropped++;
                }
            }
            for (int k = 0; k < log.size(); k++) {
                if (drop[k]) {
                    alive[k] = false;
                    userCount[log.user(k)]--;
                    itemCount[log.item(k)]--;
                }
            }
            left -= dropped;
            if (dropped == 0 || !options.kcore()) {
                break;
            }
        }
        if (left == 0) {
            throw log.problem("no interactions left after filtering " + log.size()
                    + " interactions with " + options);
        }
        if (left == log.size()) {
            return log.compact();
        }
        int[] rows = new int[left];
        int n = 0;
        for (int k = 0; k < log.size(); k++) {
            if (alive[k]) {
                rows[n++] = k;
            }
        }
        return log.selectRows(rows).compact();
    }
}
