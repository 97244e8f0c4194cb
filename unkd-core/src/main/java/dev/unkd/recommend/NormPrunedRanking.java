package dev.unkd.recommend;

import dev.unkd.data.Interactions;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.NormOrderedItems;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact top-k lists of a block of users from a factor model without scoring the whole catalogue:
 * item tiles are visited in descending norm order ({@link NormOrderedItems}) and a user stops as
 * soon as its k-th best score beats the Cauchy-Schwarz bound of the next tile, ||u|| x the
 * largest norm left (widened by the float rounding error). The lists equal a full scan's item for
 * item, ties to the lower index included: the scores are bit-identical and the heap compares
 * (score, index), not arrival order. The saving depends on the norm spread; trained recommenders'
 * popular items have long vectors and hold most users' top k (docs/BENCHMARKS.md has measured
 * fractions).
 *
 * <p>Within a tile the active users of the block go two at a time through the same kernel as
 * {@link FactorScorer#scoreBlock}, so the tile stays in cache across them. Thread-safe: per-thread
 * buffers.
 */
final class NormPrunedRanking {
    private final NormOrderedItems order;
    private final float[] users;
    private final int dim;
    private final Interactions seen;
    private final LongAdder tilesScored = new LongAdder();
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    NormPrunedRanking(FactorScorer scorer, Interactions seen) {
        this.order = scorer.normOrdered();
        this.users = scorer.userEmbeddings();
        this.dim = scorer.dim();
        this.seen = seen;
    }

    /** The (user, tile) pairs scored so far, against users x tiles for full scans. */
    long tilesScored() {
        return tilesScored.sum();
    }

    /** Writes the top-k list of users[b] to lists[b] for b in [from, to), seen items excluded. */
    void rank(int[] userIds, int from, int to, int k, int[][] lists) {
        int count = to - from;
        Buffers buf = buffers.get();
        buf.ensure(count, k);
        int[] active = buf.active;
        int live = 0;
        for (int b = 0; b < count; b++) {
            int user = userIds[from + b];
            buf.heaps[b].clear();
            buf.norms[b] = order.norm(users, user * dim);
            buf.seenPositions[b] = seenPositions(user, buf.seenPositions[b]);
            buf.seenCursor[b] = 0;
            active[live++] = b;
        }
        int scored = 0;
        for (int t = 0; t < order.tiles() && live > 0; t++) {
            int kept = 0;
            for (int i = 0; i < live; i++) {
                int b = active[i];
                TopK heap = buf.heaps[b];
                float worst = heap.worstScore();
                boolean done = heap.full() && worst < Float.POSITIVE_INFINITY && worst > order.scoreBound(buf.norms[b], t);
                if (!done) {
                    active[kept++] = b;
                }
            }
            live = kept;
            int i = 0;
            for (; i + 2 <= live; i += 2) {
                int b = active[i];
                int c = active[i + 1];
                order.scoreTwo(users, userIds[from + b] * dim, userIds[from + c] * dim, t, buf.a, buf.c);
                offerTile(buf, b, t, buf.a);
                offerTile(buf, c, t, buf.c);
            }
            if (i < live) {
                int b = active[i];
                order.scoreOne(users, userIds[from + b] * dim, t, buf.a);
                offerTile(buf, b, t, buf.a);
            }
            scored += live;
        }
        tilesScored.add(scored);
        for (int b = 0; b < count; b++) {
            lists[from + b] = buf.heaps[b].drain();
        }
    }

    /** Masks the user's seen items in the tile's scores, then offers the rest to its heap. */
    private void offerTile(Buffers buf, int b, int t, float[] scores) {
        int start = order.tileStart(t);
        int len = order.tileLength(t);
        int[] seenAt = buf.seenPositions[b];
        int p = buf.seenCursor[b];
        for (; p < seenAt.length && seenAt[p] < start + len; p++) {
            scores[seenAt[p] - start] = Float.NEGATIVE_INFINITY;
        }
        buf.seenCursor[b] = p;
        TopK heap = buf.heaps[b];
        float worst = heap.full() ? heap.worstScore() : Float.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            float s = scores[j];
            if (s >= worst) { // false for NaN; -Infinity reaches the heap only to be refused
                heap.offer(s, order.item(start + j));
                worst = heap.full() ? heap.worstScore() : Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** The user's seen items as ascending norm positions, in {@code reuse} when it is long enough. */
    private int[] seenPositions(int user, int[] reuse) {
        if (seen == null) {
            return reuse.length == 0 ? reuse : new int[0];
        }
        int n = seen.userEnd(user) - seen.userStart(user);
        int[] out = reuse.length == n ? reuse : new int[n];
        int[] cols = seen.userItemArray();
        for (int p = 0; p < n; p++) {
            out[p] = order.position(cols[seen.userStart(user) + p]);
        }
        Arrays.sort(out);
        return out;
    }

    /** One thread's heaps, norms, seen positions and tile accumulators for a block of users. */
    private static final class Buffers {
        TopK[] heaps = new TopK[0];
        double[] norms = new double[0];
        int[][] seenPositions = new int[0][];
        int[] seenCursor = new int[0];
        int[] active = new int[0];
        final float[] a = new float[FactorScorer.TILE];
        final float[] c = new float[FactorScorer.TILE];

        void ensure(int count, int k) {
            if (heaps.length < count || heaps[0].k() != k) {
                heaps = new TopK[Math.max(count, heaps.length)];
                for (int b = 0; b < heaps.length; b++) {
                    heaps[b] = new TopK(k);
                }
                norms = new double[heaps.length];
                seenPositions = new int[heaps.length][];
                Arrays.fill(seenPositions, new int[0]);
                seenCursor = new int[heaps.length];
                active = new int[heaps.length];
            }
        }
    }
}
