package dev.unkd.eval;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.parallel.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A popularity-stratified test set: held-out interactions drawn uniformly over the report's
 * popularity groups, so that every group contributes the same number of test interactions and a
 * recommender gains nothing from favouring the head (in the spirit of the uniform test of
 * Bellogín, Castells, Cantador, IRJ 2017, and of the stratified estimate of Yang et al., RecSys
 * 2018).
 *
 * <p>Precisely: let c_g be the number of held-out (user, item) pairs whose item is in group g and
 * n = min c_g over the groups with c_g &gt; 0. From every such group, n of its pairs are drawn
 * uniformly without replacement (a partial Fisher–Yates shuffle of the group's pairs in
 * (user, item) order, with the stream {@code Seeds.derive(seed, g)}); groups without held-out
 * pairs contribute none, and pairs whose item is in no group (no training interactions) are
 * dropped. Users left without held-out items are not evaluated. Deterministic for a seed.
 */
public final class StratifiedTest {
    private StratifiedTest() {
    }

    /** The stratified subset of {@code heldOut} (same user and item index space). */
    public static Interactions sample(Interactions heldOut, PopularityGroups groups, long seed) {
        int numGroups = groups.numGroups();
        int[] count = new int[numGroups];
        int[] cols = heldOut.userItemArray();
        for (int item : cols) {
            int g = groups.groupOf(item);
            if (g != PopularityGroups.NONE) {
                count[g]++;
            }
        }
        int n = Arrays.stream(count).filter(c -> c > 0).min().orElse(0);
        long[][] pairs = new long[numGroups][];
        int[] fill = new int[numGroups];
        for (int g = 0; g < numGroups; g++) {
            pairs[g] = new long[count[g]];
        }
        for (int u = 0; u < heldOut.numUsers(); u++) {
            for (int p = heldOut.userStart(u); p < heldOut.userEnd(u); p++) {
                int g = groups.groupOf(cols[p]);
                if (g != PopularityGroups.NONE) {
                    pairs[g][fill[g]++] = ((long) u << 32) | cols[p];
                }
            }
        }
        int kept = 0;
        int[] users = new int[n * numGroups];
        int[] items = new int[n * numGroups];
        for (int g = 0; g < numGroups; g++) {
            if (count[g] == 0) {
                continue;
            }
            long[] a = pairs[g];
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, g));
            for (int d = 0; d < n; d++) {
                int j = d + rng.nextInt(a.length - d);
                long t = a[d];
                a[d] = a[j];
                a[j] = t;
                users[kept] = (int) (a[d] >>> 32);
                items[kept] = (int) a[d];
                kept++;
            }
        }
        return Interactions.of(heldOut.numUsers(), heldOut.numItems(), Arrays.copyOf(users, kept), Arrays.copyOf(items, kept));
    }
}
