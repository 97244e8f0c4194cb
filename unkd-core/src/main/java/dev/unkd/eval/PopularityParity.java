package dev.unkd.eval;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;

/**
 * popRsp@K and popReo@K, ranking-based statistical parity and equal opportunity over the report's
 * popularity groups (Zhu, Wang, Caverlee, SIGIR 2020), each the relative standard deviation
 * std / mean of a per-group rate (population std, dividing by the number of groups, as
 * {@code numpy.std}); 0 means every group is treated alike.
 *
 * <ul>
 *   <li>RSP: P(g) = Σ_u |top-K_u ∩ G_g| / Σ_u |G_g \ train_u|, the rate at which the group's items
 *       are recommended among the items each user could be recommended (the group's items that
 *       are not in the user's training set), over the evaluated users.
 *   <li>REO: P(g) = Σ_u |top-K_u ∩ G_g ∩ test_u| / Σ_u |G_g ∩ test_u|, the recall of the group's
 *       held-out items. A group with no held-out item has no rate and is left out of std and mean.
 * </ul>
 * Items in no group (no training interactions) count in neither. When no group has a rate, or
 * the mean rate is 0 (nothing recommended, or no hit), the value is 0. Counts combine exactly.
 */
public final class PopularityParity implements SystemMetric {
    /** Which rate. */
    public enum Kind {
        /** Ranking-based statistical parity: recommendation rate among recommendable items. */
        RSP,
        /** Ranking-based equal opportunity: recall of held-out items. */
        REO
    }

    private final MetricKey key;
    private final Kind kind;
    private final Interactions train;
    private final PopularityGroups groups;
    private final long[] numerator;
    private final long[] denominator;

    public PopularityParity(Kind kind, Interactions train, PopularityGroups groups, int k) {
        this.key = (kind == Kind.RSP ? MetricName.POP_RSP : MetricName.POP_REO).at(k);
        this.kind = kind;
        this.train = train;
        this.groups = groups;
        this.numerator = new long[groups.numGroups()];
        this.denominator = new long[groups.numGroups()];
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
            if (g != PopularityGroups.NONE && (kind == Kind.RSP || list.relevant(r))) {
                numerator[g]++;
            }
        }
        int u = list.user();
        if (kind == Kind.RSP) {
            for (int g = 0; g < denominator.length; g++) {
                denominator[g] += groups.members(g).length;
            }
            count(train, u, -1);
        } else {
            count(list.heldOut(), u, +1);
        }
    }

    private void count(Interactions part, int u, int sign) {
        int[] cols = part.userItemArray();
        for (int p = part.userStart(u); p < part.userEnd(u); p++) {
            int g = groups.groupOf(cols[p]);
            if (g != PopularityGroups.NONE) {
                denominator[g] += sign;
            }
        }
    }

    @Override
    public void combine(SystemMetric other) {
        PopularityParity o = SystemMetric.sameMetric(this, other);
        for (int g = 0; g < numerator.length; g++) {
            numerator[g] += o.numerator[g];
            denominator[g] += o.denominator[g];
        }
    }

    @Override
    public double[] result() {
        double sum = 0;
        int defined = 0;
        double[] rate = new double[numerator.length];
        for (int g = 0; g < rate.length; g++) {
            if (denominator[g] > 0) {
                rate[g] = (double) numerator[g] / denominator[g];
                sum += rate[g];
                defined++;
            }
        }
        if (defined == 0 || sum == 0) {
            return new double[] {0};
        }
        double mean = sum / defined;
        double ss = 0;
        for (int g = 0; g < rate.length; g++) {
            if (denominator[g] > 0) {
                ss += (rate[g] - mean) * (rate[g] - mean);
            }
        }
        return new double[] {Math.sqrt(ss / defined) / mean};
    }

    @Override
    public PopularityParity empty() {
        return new PopularityParity(kind, train, groups, key.cutoff());
    }
}
