package dev.unkd.eval;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metrics unkd reports, by the name they carry in every JSON and CSV file ({@code id()}).
 * Combined with a list length in a {@link MetricKey} ("ndcg@20"). The definitions are in
 * METHOD.md sections 1 and 2 and in the class of each metric.
 */
public enum MetricName {
    /** Hits in the top-K over the user's held-out items ({@link Recall}). */
    RECALL("recall", false),
    /** Hits in the top-K over K ({@link Precision}). */
    PRECISION("precision", false),
    /** NDCG with binary gains ({@link Ndcg}). */
    NDCG("ndcg", false),
    /** 1 when the top-K holds a held-out item ({@link Hit}). */
    HIT("hit", false),
    /** Reciprocal rank of the first hit ({@link ReciprocalRank}). */
    MRR("mrr", false),
    /** Share of top-K slots per popularity group ({@link GroupShare}). */
    GROUP_SHARE("groupShare", true),
    /** Per-group recall, divided by all evaluated users ({@link GroupRecall}). */
    GROUP_RECALL("groupRecall", true),
    /** Recall on the popular half of the items, divided by all evaluated users (the authors' code). */
    POPULAR_RECALL("popularRecall", false),
    /** Recall on the unpopular half, divided by all evaluated users (the authors' code). */
    UNPOPULAR_RECALL("unpopularRecall", false),
    /** Recall on the popular half, divided by the users with held-out items in that half. */
    POPULAR_RECALL_GROUP_USERS("popularRecallGroupUsers", false),
    /** Recall on the unpopular half, divided by the users with held-out items in that half. */
    UNPOPULAR_RECALL_GROUP_USERS("unpopularRecallGroupUsers", false),
    /** Average recommendation popularity ({@link AveragePopularity}). */
    ARP("arp", false),
    /** Share of the catalogue in at least one top-K list ({@link Coverage}). */
    COVERAGE("coverage", false),
    /** Gini coefficient of the items' top-K exposure ({@link ExposureGini}). */
    GINI("gini", false),
    /** Sampled protocol: share of held-out items ranked in the top K against sampled negatives. */
    SAMPLED_HIT("sampledHit", false),
    /** Sampled protocol: NDCG of each held-out item against sampled negatives. */
    SAMPLED_NDCG("sampledNdcg", false),
    /** Share of each top-K list in the long tail, the unpopular half ({@link LongTailShare}). */
    APLT("aplt", false),
    /** Relative std of the groups' recommendation rates, statistical parity ({@link PopularityParity}). */
    POP_RSP("popRsp", false),
    /** Relative std of the groups' recall, equal opportunity ({@link PopularityParity}). */
    POP_REO("popReo", false),
    /** Mean popularity of the top K over that of the user's training items, minus 1 ({@link PopularityLift}). */
    POP_LIFT("popLift", false),
    /** Jensen–Shannon divergence of the user's group distribution in training and top K ({@link PopularityMiscalibration}). */
    MISCALIBRATION("miscalibration", false),
    /** Inverse-propensity-weighted recall ({@link IpsRecall}). */
    IPS_RECALL("ipsRecall", false),
    /** Inverse-propensity-weighted NDCG ({@link IpsNdcg}). */
    IPS_NDCG("ipsNdcg", false);

    private final String id;
    private final boolean perGroup;

    MetricName(String id, boolean perGroup) {
        this.id = id;
        this.perGroup = perGroup;
    }

    /** The name in files: "ndcg", "groupShare", ... */
    public String id() {
        return id;
    }

    /** True when the metric has one value per popularity group instead of one scalar. */
    public boolean perGroup() {
        return perGroup;
    }

    /** This metric at list length {@code cutoff}. */
    public MetricKey at(int cutoff) {
        return new MetricKey(this, cutoff);
    }

    /** The metric named {@code id} (exact, case-sensitive: file names are), if any. */
    public static Optional<MetricName> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    /** All names, for messages: "recall, precision, ...". */
    static String known() {
        return Arrays.stream(values()).map(MetricName::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
