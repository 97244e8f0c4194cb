package dev.unkd.eval;

/**
 * A metric of one user's top list against that user's held-out items (RankSys's
 * {@code RecommendationMetric}): Recall, Precision, NDCG, Hit, MRR, per-group recall. Averaged
 * over users by {@link MeanOverUsers}. Implementations read the first {@code min(K, length)}
 * positions for their own cutoff K and are stateless.
 */
@FunctionalInterface
public interface ListMetric {
    /** The value for this list, or NaN when the metric is undefined for the user (e.g. no held-out item in a group). */
    double evaluate(JudgedList list);
}
