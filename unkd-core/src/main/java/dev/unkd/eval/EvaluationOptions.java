package dev.unkd.eval;

import java.util.Arrays;

/**
 * How to evaluate.
 *
 * @param ks list lengths (default 10, 20)
 * @param shareGroups popularity groups for the share-of-slots and per-group recall (default 4)
 * @param sampledNegatives 0 for full ranking (default); N &gt; 0 ranks each held-out item
 *     against N random unobserved items (499 in DE-RRD's leave-one-out protocol)
 * @param seed seed of the sampled protocol's negatives
 * @param userBlock users scored together by the blocked kernel (does not change results)
 * @param ipsGamma exponent of the inverse-propensity weight (pop + 1)^(-gamma) of {@code ipsRecall}
 *     and {@code ipsNdcg} (default 0.5; 0 gives plain recall and NDCG; {@link IpsWeights})
 * @param averaging whom the per-user accuracy metrics are averaged over (default the users with
 *     held-out items; {@link UserAveraging#ALL_USERS} as the KDs benchmark, full ranking only)
 */
public record EvaluationOptions(int[] ks, int shareGroups, int sampledNegatives, long seed, int userBlock, double ipsGamma,
        UserAveraging averaging) {
    /** The default IPS exponent gamma. */
    public static final double DEFAULT_IPS_GAMMA = 0.5;

    public EvaluationOptions {
        if (ks.length == 0) {
            throw new IllegalArgumentException("Invalid k list: empty");
        }
        for (int k : ks) {
            if (k < 1) {
                throw new IllegalArgumentException("Invalid k: " + k);
            }
        }
        ks = Arrays.stream(ks).distinct().sorted().toArray();
        if (shareGroups < 1) {
            throw new IllegalArgumentException("Invalid number of share groups: " + shareGroups);
        }
        if (sampledNegatives < 0) {
            throw new IllegalArgumentException("Invalid number of sampled negatives: " + sampledNegatives);
        }
        if (userBlock < 1) {
            throw new IllegalArgumentException("Invalid user block: " + userBlock);
        }
        if (!(ipsGamma >= 0) || Double.isInfinite(ipsGamma)) {
            throw new IllegalArgumentException("Invalid IPS gamma: " + ipsGamma + " (must be a finite number >= 0)");
        }
        if (averaging == null) {
            throw new IllegalArgumentException("Invalid user averaging: null");
        }
        if (averaging == UserAveraging.ALL_USERS && sampledNegatives > 0) {
            throw new IllegalArgumentException("Averaging over all users needs full ranking: the sampled protocol ("
                    + sampledNegatives + " negatives) averages over held-out items");
        }
    }

    /** The options averaging over the users with held-out items. */
    public EvaluationOptions(int[] ks, int shareGroups, int sampledNegatives, long seed, int userBlock, double ipsGamma) {
        this(ks, shareGroups, sampledNegatives, seed, userBlock, ipsGamma, UserAveraging.HELD_OUT_USERS);
    }

    /** The options with the default IPS exponent ({@value #DEFAULT_IPS_GAMMA}). */
    public EvaluationOptions(int[] ks, int shareGroups, int sampledNegatives, long seed, int userBlock) {
        this(ks, shareGroups, sampledNegatives, seed, userBlock, DEFAULT_IPS_GAMMA);
    }

    public static EvaluationOptions defaults() {
        return new EvaluationOptions(new int[] {10, 20}, 4, 0, 2022, 64);
    }

    public EvaluationOptions withKs(int... newKs) {
        return new EvaluationOptions(newKs, shareGroups, sampledNegatives, seed, userBlock, ipsGamma, averaging);
    }

    public EvaluationOptions withUserBlock(int block) {
        return new EvaluationOptions(ks, shareGroups, sampledNegatives, seed, block, ipsGamma, averaging);
    }

    public EvaluationOptions withIpsGamma(double gamma) {
        return new EvaluationOptions(ks, shareGroups, sampledNegatives, seed, userBlock, gamma, averaging);
    }

    public EvaluationOptions withAveraging(UserAveraging a) {
        return new EvaluationOptions(ks, shareGroups, sampledNegatives, seed, userBlock, ipsGamma, a);
    }

    public int maxK() {
        return ks[ks.length - 1];
    }
}
