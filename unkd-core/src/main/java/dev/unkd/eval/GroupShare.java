package dev.unkd.eval;

import dev.unkd.data.PopularityGroups;

/**
 * groupShare@K: the share of all top-K slots that hold an item of each popularity group, over the
 * slots holding an item that belongs to a group (items without training interactions belong to
 * none; the authors' {@code utils.resultBygroup} divides the same way). The headline bias figure
 * of METHOD.md section 2. Counts combine exactly.
 */
public final class GroupShare implements SystemMetric {
    private final MetricKey key;
    private final PopularityGroups groups;
    private final long[] slots;

    public GroupShare(PopularityGroups groups, int k) {
        this.key = MetricName.GROUP_SHARE.at(k);
        this.groups = groups;
        this.slots = new long[groups.numGroups()];
    }

    @Override
    public MetricKey key() {
        return key;
    }

    @Override
    public void accumulate(JudgedList list) {
        int len = Math.min(key.cutoff(), list.length());
        for (int r = 0; r < len; r++) {
            int g = groups.groupOf(list.item(r));
            if (g != PopularityGroups.NONE) {
                slots[g]++;
            }
        }
    }

    @Override
    public void combine(SystemMetric other) {
        GroupShare o = SystemMetric.sameMetric(this, other);
        for (int g = 0; g < slots.length; g++) {
            slots[g] += o.slots[g];
        }
    }

    @Override
    public double[] result() {
        long counted = 0;
        for (long s : slots) {
            counted += s;
        }
        double[] share = new double[slots.length];
        for (int g = 0; g < slots.length; g++) {
            share[g] = counted == 0 ? 0 : (double) slots[g] / counted;
        }
        return share;
    }

    @Override
    public GroupShare empty() {
        return new GroupShare(groups, key.cutoff());
    }
}
