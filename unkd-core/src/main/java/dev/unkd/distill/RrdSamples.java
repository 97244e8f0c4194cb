package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * RRD's items for every user (Kang et al., CIKM 2020, section 3.2; the UnKD authors'
 * {@code sample.py: RRD.RRD_sampling}): K interesting items drawn without replacement from the
 * user's top-T list of the teacher with p(r) proportional to exp(-(r + 1) / mu), kept in rank
 * order, and L uninteresting items drawn uniformly without replacement from the items that are
 * neither training positives of the user nor in that top-T list. Users with a shorter list or
 * fewer remaining items get fewer. Each user's draw depends only on the seed and the user.
 *
 * <p>Without the sampling of the interesting items (the variant the DE-RRD and HetComp authors
 * later recommend, {@link RrdConfig#sampleInteresting()}), the K interesting items are the
 * teacher's first K of the list, in order; the uninteresting ones are drawn as before.
 */
public final class RrdSamples {
    private static final int USER_CHUNK = 128;

    private final int k;
    private final int l;
    private final int[] interesting;
    private final int[] interestingCount;
    private final int[] uninteresting;
    private final int[] uninterestingCount;

    private RrdSamples(int numUsers, int k, int l) {
        this.k = k;
        this.l = l;
        this.interesting = new int[Math.multiplyExact(numUsers, k)];
        this.interestingCount = new int[numUsers];
        this.uninteresting = new int[Math.multiplyExact(numUsers, l)];
        this.uninterestingCount = new int[numUsers];
    }

    /**
     * Draws every user's samples.
     *
     * @param top the teacher's plain ranking, depth T
     */
    public static RrdSamples draw(TeacherRanking top, Interactions train, int k, int l, ExponentialRankLaw law, long seed,
            ChunkedExecutor executor) {
        return draw(top, train, k, l, law, true, seed, executor);
    }

    /**
     * Draws every user's samples; with {@code sampleInteresting} false the interesting items are
     * the list's first K (no rank-law draw).
     *
     * @param top the teacher's plain ranking, depth T
     */
    public static RrdSamples draw(TeacherRanking top, Interactions train, int k, int l, ExponentialRankLaw law, boolean sampleInteresting,
            long seed, ChunkedExecutor executor) {
        if (top.numGroups() != 1) {
            throw new IllegalArgumentException("RRD needs a plain teacher ranking (one list per user), got " + top.numGroups() + " groups");
        }
        int numUsers = top.numUsers();
        int numItems = train.numItems();
        RrdSamples s = new RrdSamples(numUsers, k, l);
        int[] lists = top.itemArray();
        executor.run(ChunkedExecutor.chunks(numUsers, USER_CHUNK), c -> {
            boolean[] excluded = new boolean[numItems];
            boolean[] taken = new boolean[Math.max(top.depth(), 1)];
            int[] ranks = new int[k];
            int to = Math.min(numUsers, (c + 1) * USER_CHUNK);
            for (int u = c * USER_CHUNK; u < to; u++) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, u));
                int len = top.length(u, 0);
                int off = top.offset(u, 0);
                int want = Math.min(k, len);
                if (!sampleInteresting) {
                    for (int j = 0; j < want; j++) {
                        ranks[j] = j; // the teacher's first K, in order
                    }
                }
                // sequential draws without replacement = the law renormalised over untaken ranks (torch.multinomial)
                for (int got = sampleInteresting ? 0 : want; got < want; ) {
                    int r = law.draw(len, rng);
                    if (!taken[r]) {
                        taken[r] = true;
                        ranks[got++] = r;
                    }
                }
                Arrays.sort(ranks, 0, want);
                for (int j = 0; j < want; j++) {
                    s.interesting[u * k + j] = lists[off + ranks[j]];
                    taken[ranks[j]] = false;
                }
                s.interestingCount[u] = want;
                for (int j = 0; j < len; j++) {
                    excluded[lists[off + j]] = true;
                }
                for (int p = train.userStart(u); p < train.userEnd(u); p++) {
                    excluded[train.userItemArray()[p]] = true;
                }
                // positives and the top list are disjoint (the ranking never holds a positive)
                int available = numItems - train.userDegree(u) - len;
                s.uninterestingCount[u] = drawUniform(excluded, available, l, s.uninteresting, u * l, rng);
                for (int j = 0; j < len; j++) {
                    excluded[lists[off + j]] = false;
                }
                for (int p = train.userStart(u); p < train.userEnd(u); p++) {
                    excluded[train.userItemArray()[p]] = false;
                }
            }
        });
        return s;
    }

    /**
     * Writes up to {@code l} distinct items not excluded, uniformly, to out[off..); returns how
     * many. Rejection while the pool is large; a partial shuffle of the enumerated pool when it
     * is small, so the loop never stalls.
     */
    private static int drawUniform(boolean[] excluded, int available, int l, int[] out, int off, SplittableRandom rng) {
        int n = excluded.length;
        if (available <= 0 || l == 0) {
            return 0;
        }
        if (available < 4 * l) {
            int[] pool = new int[available];
            int m = 0;
            for (int i = 0; i < n && m < available; i++) {
                if (!excluded[i]) {
                    pool[m++] = i;
                }
            }
            int want = Math.min(l, m);
            for (int j = 0; j < want; j++) {
                int r = j + rng.nextInt(m - j);
                int t = pool[j];
                pool[j] = pool[r];
                pool[r] = t;
                out[off + j] = pool[j];
            }
            return want;
        }
        int got = 0;
        while (got < l) {
            int i = rng.nextInt(n);
            if (!excluded[i]) {
                excluded[i] = true; // no repeats; the caller's reset below clears these too
                out[off + got++] = i;
            }
        }
        for (int j = 0; j < got; j++) {
            excluded[out[off + j]] = false;
        }
        return got;
    }

    /** K, the interesting items asked for per user. */
    public int k() {
        return k;
    }

    /** L, the uninteresting items asked for per user. */
    public int l() {
        return l;
    }

    public int interestingCount(int u) {
        return interestingCount[u];
    }

    public int uninterestingCount(int u) {
        return uninterestingCount[u];
    }

    /** The j-th interesting item of u (j = 0 is the teacher's best of those drawn). */
    public int interesting(int u, int j) {
        return interesting[u * k + j];
    }

    public int uninteresting(int u, int j) {
        return uninteresting[u * l + j];
    }

    /** u's interesting items in rank order (a copy). */
    public int[] interesting(int u) {
        return Arrays.copyOfRange(interesting, u * k, u * k + interestingCount[u]);
    }

    /** u's uninteresting items (a copy). */
    public int[] uninteresting(int u) {
        return Arrays.copyOfRange(uninteresting, u * l, u * l + uninterestingCount[u]);
    }
}
