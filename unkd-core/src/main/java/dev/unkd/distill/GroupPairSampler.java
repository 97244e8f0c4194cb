package dev.unkd.distill;

import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.SplittableRandom;

/**
 * Draws UnKD's pairs for one epoch (Chen et al., WSDM 2023, section 4): for every user u and
 * group g, n_g pairs, each from two ranks drawn independently from the {@link ExponentialRankLaw}
 * over u's teacher list in g, redrawn when equal; the item at the smaller rank is the "positive".
 * Pairs never mix groups: that is what removes the popularity signal carried by the teacher's
 * cross-group scores. Lists with fewer than two items give no pairs (the authors' loop would not
 * terminate on them).
 *
 * <p>Parallel over fixed chunks of users; user u's stream is seeded from (seed, u) only, so the
 * pairs do not depend on the thread count. Cost: about 2 x users x sum(n_g) draws.
 *
 * <p>As a {@link PairSource}, epoch e draws with seed derive(epochSeed, {@link #STREAM}); the Spark
 * job reproduces that path to draw the same pairs elsewhere.
 */
public final class GroupPairSampler implements PairSource {
    /** Tag separating UnKD's random streams from other objectives' ("UNKD"). */
    public static final long STREAM = 0x554e4b44L;
    private static final int USER_CHUNK = 256;
    /**
     * {@link TieRedraw#GROUP} redraws a whole group until no pair is tied; below this acceptance
     * probability (over 100 expected rounds, e.g. 8 pairs from a 3-item list) it wastes draws
     * and can all but hang, so such lists are drawn pair by pair, which gives the same law.
     */
    private static final double MIN_GROUP_ACCEPTANCE = 0.01;

    private final TeacherRanking ranking;
    private final int[] pairsPerGroup;
    private final ExponentialRankLaw law;
    private final TieRedraw tieRedraw;
    private final int stride;

    public GroupPairSampler(TeacherRanking ranking, int[] pairsPerGroup, ExponentialRankLaw law, TieRedraw tieRedraw) {
        if (pairsPerGroup.length != ranking.numGroups()) {
            throw new IllegalArgumentException("allocation covers " + pairsPerGroup.length + " groups, ranking has " + ranking.numGroups());
        }
        int s = 0;
        for (int n : pairsPerGroup) {
            if (n < 0) {
                throw new IllegalArgumentException("negative pair count " + n);
            }
            s += n;
        }
        this.ranking = ranking;
        this.pairsPerGroup = pairsPerGroup.clone();
        this.law = law;
        this.tieRedraw = tieRedraw;
        this.stride = s;
    }

    /** Pairs per user at most. */
    public int stride() {
        return stride;
    }

    @Override
    public int[] pairsPerGroup() {
        return pairsPerGroup.clone();
    }

    /** The pairs of a training epoch: {@link #sample} with the epoch's UnKD stream (the epoch number itself is not used). */
    @Override
    public RankedPairs pairs(int epoch, long epochSeed, ChunkedExecutor executor) {
        return sample(Seeds.derive(epochSeed, STREAM), executor);
    }

    /** Draws a fresh set of pairs for all users. */
    public RankedPairs sample(long seed, ChunkedExecutor executor) {
        int numUsers = ranking.numUsers();
        RankedPairs pairs = new RankedPairs(numUsers, stride);
        int[] better = pairs.betterArray();
        int[] worse = pairs.worseArray();
        int[] lists = ranking.itemArray();
        int maxPerGroup = 0;
        for (int n : pairsPerGroup) {
            maxPerGroup = Math.max(maxPerGroup, n);
        }
        int scratch = maxPerGroup;
        executor.run(ChunkedExecutor.chunks(numUsers, USER_CHUNK), c -> {
            int[] r1 = new int[scratch];
            int[] r2 = new int[scratch];
            int to = Math.min(numUsers, (c + 1) * USER_CHUNK);
            for (int u = c * USER_CHUNK; u < to; u++) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, u));
                int out = u * stride;
                for (int g = 0; g < pairsPerGroup.length; g++) {
                    int len = ranking.length(u, g);
                    int n = pairsPerGroup[g];
                    if (len < 2 || n == 0) {
                        continue;
                    }
                    if (tieRedraw == TieRedraw.PAIR || law.allDistinctProbability(len, n) < MIN_GROUP_ACCEPTANCE) {
                        drawPairwise(len, n, rng, r1, r2);
                    } else {
                        drawGroupwise(len, n, rng, r1, r2);
                    }
                    int off = ranking.offset(u, g);
                    for (int k = 0; k < n; k++) {
                        better[out] = lists[off + Math.min(r1[k], r2[k])];
                        worse[out] = lists[off + Math.max(r1[k], r2[k])];
                        out++;
                    }
                }
                pairs.setCount(u, out - u * stride);
            }
        });
        return pairs;
    }

    private void drawPairwise(int len, int n, SplittableRandom rng, int[] r1, int[] r2) {
        for (int k = 0; k < n; k++) {
            int a;
            int b;
            do {
                a = law.draw(len, rng);
                b = law.draw(len, rng);
            } while (a == b); // P(tie) <= max_r p(r) < 1 for len >= 2: terminates with probability 1
            r1[k] = a;
            r2[k] = b;
        }
    }

    private void drawGroupwise(int len, int n, SplittableRandom rng, int[] r1, int[] r2) {
        boolean tied;
        do {
            for (int k = 0; k < n; k++) {
                r1[k] = law.draw(len, rng);
            }
            tied = false;
            for (int k = 0; k < n; k++) {
                r2[k] = law.draw(len, rng);
                tied |= r1[k] == r2[k];
            }
        } while (tied);
    }
}
