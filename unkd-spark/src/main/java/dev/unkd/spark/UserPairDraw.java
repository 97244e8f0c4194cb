package dev.unkd.spark;

import dev.unkd.distill.ExponentialRankLaw;
import dev.unkd.distill.TieRedraw;
import dev.unkd.parallel.Seeds;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * One user's UnKD pairs of one epoch, drawn on an executor from the user's stored teacher lists
 * with the law, random stream and order of {@link dev.unkd.distill.GroupPairSampler}: the
 * stream is seeded from (sampler seed, global user index) only, groups are visited in order,
 * each pair takes two ranks from {@link ExponentialRankLaw} (a tie redrawn per pair, or per
 * group when {@link TieRedraw#GROUP} and the group's acceptance is at least 1%), the smaller
 * rank is the better item, lists shorter than 2 give no pairs. The pairs equal the core's pair
 * for pair; {@code SparkPairSamplingTest} checks it against {@code UnbiasedDistiller.redraw}.
 */
final class UserPairDraw implements Serializable {
    /** As the core sampler: below this all-distinct probability a group is drawn pair by pair. */
    private static final double MIN_GROUP_ACCEPTANCE = 0.01;

    private final int[] pairsPerGroup;
    private final double temperature;
    private final TieRedraw tieRedraw;

    UserPairDraw(int[] pairsPerGroup, double temperature, TieRedraw tieRedraw) {
        this.pairsPerGroup = pairsPerGroup.clone();
        this.temperature = temperature;
        this.tieRedraw = tieRedraw;
    }

    int stride() {
        int s = 0;
        for (int n : pairsPerGroup) {
            s += n;
        }
        return s;
    }

    int groups() {
        return pairsPerGroup.length;
    }

    /**
     * Draws into better/worse[0..) and returns the number of pairs.
     *
     * @param lists the user's teacher list of every group, best first (empty when absent)
     */
    int draw(long samplerSeed, int user, int[][] lists, int[] better, int[] worse) {
        ExponentialRankLaw law = new ExponentialRankLaw(temperature);
        SplittableRandom rng = new SplittableRandom(Seeds.derive(samplerSeed, user));
        int out = 0;
        for (int g = 0; g < pairsPerGroup.length; g++) {
            int[] list = lists[g];
            int n = pairsPerGroup[g];
            if (list.length < 2 || n == 0) {
                continue;
            }
            boolean pairwise = tieRedraw == TieRedraw.PAIR || law.allDistinctProbability(list.length, n) < MIN_GROUP_ACCEPTANCE;
            int[][] ranks = pairwise ? pairwise(law, list.length, n, rng) : groupwise(law, list.length, n, rng);
            for (int k = 0; k < n; k++) {
                better[out] = list[Math.min(ranks[0][k], ranks[1][k])];
                worse[out] = list[Math.max(ranks[0][k], ranks[1][k])];
                out++;
            }
        }
        return out;
    }

    private static int[][] pairwise(ExponentialRankLaw law, int len, int n, SplittableRandom rng) {
        int[][] r = new int[2][n];
        for (int k = 0; k < n; k++) {
            do {
                r[0][k] = law.draw(len, rng);
                r[1][k] = law.draw(len, rng);
            } while (r[0][k] == r[1][k]);
        }
        return r;
    }

    private static int[][] groupwise(ExponentialRankLaw law, int len, int n, SplittableRandom rng) {
        int[][] r = new int[2][n];
        boolean tied;
        do {
            for (int k = 0; k < n; k++) {
                r[0][k] = law.draw(len, rng);
            }
            tied = false;
            for (int k = 0; k < n; k++) {
                r[1][k] = law.draw(len, rng);
                tied |= r[0][k] == r[1][k];
            }
        } while (tied);
        return r;
    }
}
