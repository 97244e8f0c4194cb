package dev.unkd.eval;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics a full-ranking evaluation reports and their order, which is the order of every
 * METRICS.json, results.csv and table (a file contract): for each K the accuracy metrics
 * (recall, precision, ndcg, hit, mrr), then for each K the bias metrics (groupShare, groupRecall,
 * popular / unpopular recall with both denominators, arp, coverage, gini), then for each K the
 * popularity-bias metrics of issue 13 (aplt, popRsp, popReo, popLift, miscalibration, ipsRecall,
 * ipsNdcg), appended after the older ones so that existing files keep their columns.
 */
final class ReportedMetrics {
    private ReportedMetrics() {
    }

    /**
     * New accumulators for one evaluation.
     *
     * @param shareGroups the groups of groupShare and groupRecall
     * @param halves the K = 2 split of popularRecall / unpopularRecall (groups 0 and 1; a third
     *     leftover group, if the split makes one, is in neither half)
     * @param popularity training interactions per item (ARP)
     * @param train the training interactions (popLift, miscalibration, popRsp)
     * @param weights the IPS weights (ipsRecall, ipsNdcg)
     * @param absentUsers users without held-out items whom the accuracy means also divide by, as
     *     zeros ({@link UserAveraging#ALL_USERS}; 0 for the default averaging)
     */
    static List<SystemMetric> fullRanking(int[] ks, PopularityGroups shareGroups, PopularityGroups halves, int[] popularity,
            Interactions train, IpsWeights weights, long absentUsers) {
        MeanOverUsers.Denominator all = MeanOverUsers.Denominator.ALL_USERS;
        List<SystemMetric> metrics = new ArrayList<>();
        for (int k : ks) {
            metrics.add(new MeanOverUsers(MetricName.RECALL.at(k), new Recall(k), all, absentUsers));
            metrics.add(new MeanOverUsers(MetricName.PRECISION.at(k), new Precision(k), all, absentUsers));
            metrics.add(new MeanOverUsers(MetricName.NDCG.at(k), new Ndcg(k), all, absentUsers));
            metrics.add(new MeanOverUsers(MetricName.HIT.at(k), new Hit(k), all, absentUsers));
            metrics.add(new MeanOverUsers(MetricName.MRR.at(k), new ReciprocalRank(k), all, absentUsers));
        }
        int numItems = popularity.length;
        for (int k : ks) {
            int cutoff = k;
            metrics.add(new GroupShare(shareGroups, k));
            metrics.add(new GroupMeans(MetricName.GROUP_RECALL.at(k), shareGroups.numGroups(), g -> new GroupRecall(shareGroups, g, cutoff),
                    absentUsers));
            GroupRecall popular = new GroupRecall(halves, 0, k);
            GroupRecall unpopular = new GroupRecall(halves, 1, k);
            metrics.add(new MeanOverUsers(MetricName.POPULAR_RECALL.at(k), popular, all, absentUsers));
            metrics.add(new MeanOverUsers(MetricName.UNPOPULAR_RECALL.at(k), unpopular, all, absentUsers));
            metrics.add(new MeanOverUsers(MetricName.POPULAR_RECALL_GROUP_USERS.at(k), popular, MeanOverUsers.Denominator.DEFINED_USERS));
            metrics.add(new MeanOverUsers(MetricName.UNPOPULAR_RECALL_GROUP_USERS.at(k), unpopular, MeanOverUsers.Denominator.DEFINED_USERS));
            metrics.add(new AveragePopularity(popularity, k));
            metrics.add(new Coverage(numItems, k));
            metrics.add(new ExposureGini(numItems, k));
        }
        for (int k : ks) {
            metrics.add(new MeanOverUsers(MetricName.APLT.at(k), new LongTailShare(halves, k)));
            metrics.add(new PopularityParity(PopularityParity.Kind.RSP, train, shareGroups, k));
            metrics.add(new PopularityParity(PopularityParity.Kind.REO, train, shareGroups, k));
            metrics.add(new MeanOverUsers(MetricName.POP_LIFT.at(k), new PopularityLift(train, popularity, k),
                    MeanOverUsers.Denominator.DEFINED_USERS));
            metrics.add(new MeanOverUsers(MetricName.MISCALIBRATION.at(k), new PopularityMiscalibration(train, shareGroups, k),
                    MeanOverUsers.Denominator.DEFINED_USERS));
            metrics.add(new MeanOverUsers(MetricName.IPS_RECALL.at(k), new IpsRecall(weights, k), all, absentUsers));
            metrics.add(new MeanOverUsers(MetricName.IPS_NDCG.at(k), new IpsNdcg(weights, k), all, absentUsers));
        }
        return metrics;
    }
}
