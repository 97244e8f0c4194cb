package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What reports show about a dataset: its size, the long tail of item popularity with the
 * boundaries of the bias report's popularity groups, and how the test set itself spreads over
 * those groups (the reference a fair top-K list would resemble).
 *
 * @param popularity training interactions per item, sorted descending
 * @param groupStarts popularity rank at which each group starts (group 0 at rank 0)
 * @param groupItems items per group
 * @param testShare share of test interactions per group (over items that belong to a group)
 */
record DatasetFacts(String name, String description, int users, int items, int train, int valid, int test, int[] popularity,
        int[] groupStarts, int[] groupItems, double[] testShare) {

    static DatasetFacts of(Dataset data, String description, int groups) {
        Interactions train = data.train();
        int[] pop = train.itemPopularity();
        PopularityGroups g = PopularityGroups.split(train, groups, false);
        int k = g.numGroups();
        int[] sorted = IntStream.of(pop).boxed().sorted((a, b) -> Integer.compare(b, a)).mapToInt(Integer::intValue).toArray();
        int[] groupItems = new int[k];
        int[] starts = new int[k];
        for (int q = 0; q < k; q++) {
            groupItems[q] = g.members(q).length;
            starts[q] = q == 0 ? 0 : starts[q - 1] + groupItems[q - 1];
        }
        long[] testCounts = new long[k];
        int[] cols = data.test().userItemArray();
        for (int c : cols) {
            int grp = g.groupOf(c);
            if (grp != PopularityGroups.NONE) {
                testCounts[grp]++;
            }
        }
        long total = Arrays.stream(testCounts).sum();
        double[] share = new double[k];
        for (int q = 0; q < k; q++) {
            share[q] = total == 0 ? 0 : (double) testCounts[q] / total;
        }
        return new DatasetFacts(data.name(), description, data.numUsers(), data.numItems(), train.size(), data.valid().size(),
                data.test().size(), sorted, starts, groupItems, share);
    }

    int groups() {
        return groupItems.length;
    }
}
