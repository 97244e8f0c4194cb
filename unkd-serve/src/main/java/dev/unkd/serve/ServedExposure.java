package dev.unkd.serve;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exposure bookkeeping of the served lists: the training data's popularity groups
 * ({@link #GROUPS} groups of equal interaction mass, {@link PopularityGroups#split}, items never
 * seen in training in the last one), a counter of served slots per group for /metrics, and the
 * group-balanced popular ranking of {@link Fallback#BALANCED}. Depends on the training data only,
 * so it is built once and outlives model reloads. Counting is lock-free ({@link LongAdder}).
 */
final class ServedExposure {
    /** As the evaluation's share-of-slots default: 4 groups. */
    static final int GROUPS = 4;

    private final PopularityGroups groups;
    private final LongAdder[] slots;
    /** Items round-robin over the groups, each group's by popularity descending (ties: lower index). */
    private final int[] balanced;
    private final float[] popularity;

    ServedExposure(Interactions train) {
        int[] pop = train.itemPopularity();
        this.groups = PopularityGroups.split(pop, GROUPS, true);
        this.slots = new LongAdder[groups.numGroups()];
        Arrays.setAll(slots, g -> new LongAdder());
        this.popularity = new float[pop.length];
        for (int i = 0; i < pop.length; i++) {
            popularity[i] = pop[i];
        }
        int[][] byPopularity = new int[groups.numGroups()][];
        for (int g = 0; g < byPopularity.length; g++) {
            byPopularity[g] = Arrays.stream(groups.members(g)).boxed()
                    .sorted((a, b) -> pop[a] != pop[b] ? Integer.compare(pop[b], pop[a]) : Integer.compare(a, b))
                    .mapToInt(Integer::intValue).toArray();
        }
        int total = Arrays.stream(byPopularity).mapToInt(m -> m.length).sum();
        this.balanced = new int[total];
        int n = 0;
        for (int r = 0; n < total; r++) {
            for (int[] members : byPopularity) {
                if (r < members.length) {
                    balanced[n++] = members[r];
                }
            }
        }
    }

    int numGroups() {
        return slots.length;
    }

    /** Counts the slots of a served list by the group of each item. */
    void record(Recommendation rec) {
        if (rec == null) {
            return;
        }
        for (int item : rec.items()) {
            int g = groups.groupOf(item);
            if (g >= 0) {
                slots[g].increment();
            }
        }
    }

    long slots(int group) {
        return slots[group].sum();
    }

    /** The first k items of the balanced ranking that are not in {@code excludedSorted}, scored by training popularity. */
    Recommendation balanced(int k, int[] excludedSorted) {
        int[] items = new int[Math.min(k, balanced.length)];
        int n = 0;
        for (int p = 0; p < balanced.length && n < items.length; p++) {
            if (Arrays.binarySearch(excludedSorted, balanced[p]) < 0) {
                items[n++] = balanced[p];
            }
        }
        return Recommendation.fromRow(Arrays.copyOf(items, n), popularity, true);
    }
}
