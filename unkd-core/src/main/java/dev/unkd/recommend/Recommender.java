package dev.unkd.recommend;

import dev.unkd.data.Interactions;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.function.IntConsumer;

/**
 * Top-K recommendation from any {@link Scorer}: score every item, exclude what the user has
 * already seen (the training items), select the best k by partial selection. This is the one
 * place that ranks items for users: evaluation, the teacher's candidate lists, serving and the
 * recommend command all call it, so they rank identically (as RankSys's {@code Recommender}:
 * free, filtered and candidate-set recommendation over one model).
 *
 * <p>Ranking: score descending, ties to the lower item index; items scored -Infinity (excluded)
 * or NaN are never recommended, so a list may be shorter than k. Selection is a bounded heap
 * ({@link TopK}, O(items log k)) for the whole catalogue and a quickselect over a candidate set
 * (O(candidates + k log k)); never a full sort, nothing allocated per item.
 *
 * <p>Thread-safe: the scorer is read-only and all scratch space lives in a {@link Scratch} the
 * caller keeps per thread, so after warm-up a ranking allocates only its result.
 */
public final class Recommender {
    private static final int[] NONE = new int[0];

    private final Scorer scorer;
    private final Interactions seen;
    private final boolean prune;

    /**
     * Recommends from {@code scorer}, never returning a user's items in {@code seen} (whose shape
     * must match the scorer's).
     */
    public Recommender(Scorer scorer, Interactions seen) {
        if (scorer.numUsers() != seen.numUsers() || scorer.numItems() != seen.numItems()) {
            throw new IllegalArgumentException("model has " + scorer.numUsers() + " users x " + scorer.numItems()
                    + " items, data has " + seen.numUsers() + " x " + seen.numItems());
        }
        this.scorer = scorer;
        this.seen = seen;
        this.prune = true;
    }

    private Recommender(Scorer scorer, Interactions seen, boolean prune) {
        this.scorer = scorer;
        this.seen = seen;
        this.prune = prune;
    }

    /** Recommends from {@code scorer} with nothing excluded by default (popularity fallback, item similarity). */
    public static Recommender unfiltered(Scorer scorer) {
        return new Recommender(scorer, null, true);
    }

    /**
     * This recommender with the norm-bound pruning of batch top-k lists switched off: every list
     * scores the whole catalogue. Same lists; for benchmarks and tests that compare the two.
     */
    public Recommender exhaustive() {
        return new Recommender(scorer, seen, false);
    }

    public Scorer scorer() {
        return scorer;
    }

    public int numItems() {
        return scorer.numItems();
    }

    /**
     * Scores every item for {@code users[from..to)} into {@code rows[0..to-from)} with the scorer's
     * blocked kernel, the users' seen items set to -Infinity. Cost: |block| x items scores.
     */
    public void scoreBlock(int[] users, int from, int to, float[][] rows) {
        scorer.scoreBlock(users, from, to, rows);
        for (int b = from; b < to; b++) {
            excludeSeen(users[b], rows[b - from]);
        }
    }

    /** Scores every item for one user into {@code row}, the user's seen items set to -Infinity. */
    public void score(int user, float[] row) {
        scorer.scoreAll(user, row);
        excludeSeen(user, row);
    }

    private void excludeSeen(int user, float[] row) {
        if (seen == null) {
            return;
        }
        int[] cols = seen.userItemArray();
        for (int p = seen.userStart(user); p < seen.userEnd(user); p++) {
            row[cols[p]] = Float.NEGATIVE_INFINITY;
        }
    }

    /**
     * The k best items of a row scored by {@link #score} or {@link #scoreBlock}, best first,
     * after also setting the items of {@code exclude} to -Infinity in the row.
     */
    public int[] select(float[] row, int k, int[] exclude, Scratch scratch) {
        for (int i : exclude) {
            row[i] = Float.NEGATIVE_INFINITY;
        }
        return scratch.topK(k).select(row, numItems());
    }

    /**
     * The best {@code depth} items of a scored row among {@code candidates} (distinct item indices
     * in ascending order, checked by the caller), written best first to {@code out[offset..)};
     * returns how many were written (at most {@code min(depth, candidates.length)}).
     */
    public int selectAmong(float[] row, int[] candidates, int depth, int[] out, int offset, Scratch scratch) {
        if (depth < 1) {
            throw new IllegalArgumentException("Invalid depth: " + depth);
        }
        // distinct ascending indices that cover the catalogue are 0..n-1: no indirection needed
        int[] members = candidates.length == numItems() ? null : candidates;
        return scratch.selection().select(row, members, candidates.length, depth, out, offset);
    }

    /**
     * The k best items for {@code user}, best first, excluding the seen items and {@code exclude}.
     * The user's scores stay in {@code scratch.row(numItems())} until the scratch is used again,
     * for callers that report them.
     */
    public int[] recommend(int user, int k, int[] exclude, Scratch scratch) {
        float[] row = scratch.row(numItems());
        score(user, row);
        return select(row, k, exclude, scratch);
    }

    /**
     * The k best items for a user vector that is not in the model (a folded-in user, see
     * {@link UserFoldIn}), best first, excluding only {@code exclude} (typically the items the
     * vector was folded in from). Needs a model with embeddings ({@link FactorScorer}, LightGCN's
     * propagated ones included). Scores stay in {@code scratch.row(numItems())} as for
     * {@link #recommend(int, int, int[], Scratch)}. Cost: dim x items multiply-adds plus the selection.
     */
    public int[] recommendFor(float[] userVector, int k, int[] exclude, Scratch scratch) {
        if (!(scorer instanceof FactorScorer factors)) {
            throw new IllegalStateException("a " + scorer.getClass().getSimpleName() + " has no item embeddings to score a user vector with");
        }
        float[] row = scratch.row(numItems());
        factors.scoreVector(userVector, row);
        return select(row, k, exclude, scratch);
    }

    /**
     * The k best items for {@code user} among {@code candidates} (distinct, ascending), best first,
     * seen items excluded. Scores stay in {@code scratch.row(numItems())} as for {@link #recommend}.
     */
    public int[] recommendAmong(int user, int[] candidates, int k, Scratch scratch) {
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k: " + k);
        }
        float[] row = scratch.row(numItems());
        score(user, row);
        int[] out = scratch.items(Math.min(k, candidates.length));
        int n = candidates.length == 0 ? 0 : selectAmong(row, candidates, k, out, 0, scratch);
        return java.util.Arrays.copyOf(out, n);
    }

    /** As {@link #recommend(int[], int, int, ChunkedExecutor, IntConsumer)} without progress. */
    public int[][] recommend(int[] users, int k, int block, ChunkedExecutor executor) {
        return recommend(users, k, block, executor, done -> {
        });
    }

    /**
     * Top-k lists of many users ({@code lists[b]} for {@code users[b]}, seen items excluded),
     * scored in parallel blocks of {@code block} users by the blocked kernel; reports the users
     * finished per block to {@code progress} (from worker threads). Each list depends only on
     * its user's scores, so the result does not depend on the thread count or block size.
     * A factor model's lists stop scoring once no unscored item can enter them
     * ({@link NormPrunedRanking}: the same lists as a full scan, often at a fraction of the cost);
     * other scorers score every item, with one scratch of {@code block x items} floats per thread.
     */
    public int[][] recommend(int[] users, int k, int block, ChunkedExecutor executor, IntConsumer progress) {
        int[][] lists = new int[users.length][];
        if (prune && scorer instanceof FactorScorer factors) {
            if (block < 1) {
                throw new IllegalArgumentException("Invalid block: " + block);
            }
            if (k < 1) {
                throw new IllegalArgumentException("Invalid k: " + k);
            }
            NormPrunedRanking ranking = new NormPrunedRanking(factors, seen);
            executor.run(ChunkedExecutor.chunks(users.length, block), c -> {
                int from = c * block;
                int to = Math.min(users.length, from + block);
                ranking.rank(users, from, to, k, lists);
                progress.accept(to - from);
            });
            return lists;
        }
        run(users, k, block, executor, (b, items, scores) -> lists[b] = items, progress);
        return lists;
    }

    /** Receives the list of {@code users[index]} and its score row (valid during the call only; seen items -Infinity). */
    @FunctionalInterface
    public interface ListConsumer {
        void accept(int index, int[] items, float[] scores);
    }

    /**
     * As {@link #recommend(int[], int, int, ChunkedExecutor, IntConsumer)}, handing each list with
     * its scores to {@code consumer} (called from worker threads, each index once) instead of
     * keeping the lists: for callers that report scores, such as the recommend command.
     */
    public void recommendEach(int[] users, int k, int block, ChunkedExecutor executor, ListConsumer consumer) {
        run(users, k, block, executor, consumer, done -> {
        });
    }

    private void run(int[] users, int k, int block, ChunkedExecutor executor, ListConsumer consumer, IntConsumer progress) {
        if (block < 1) {
            throw new IllegalArgumentException("Invalid block: " + block);
        }
        int n = numItems();
        ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);
        executor.run(ChunkedExecutor.chunks(users.length, block), c -> {
            int from = c * block;
            int to = Math.min(users.length, from + block);
            Scratch scratch = scratches.get();
            float[][] rows = scratch.rows(block, n);
            scoreBlock(users, from, to, rows);
            for (int b = from; b < to; b++) {
                float[] row = rows[b - from];
                consumer.accept(b, select(row, k, NONE, scratch), row);
            }
            progress.accept(to - from);
        });
    }

    /**
     * One thread's reusable buffers: score rows, a top-k heap and the candidate selection's keys,
     * grown on demand (a reloaded model with more items gets larger rows). Not thread-safe: keep
     * one per thread, e.g. in a {@link ThreadLocal}.
     */
    public static final class Scratch {
        private float[] row = new float[0];
        private float[][] rows = new float[0][];
        private int[] items = new int[0];
        private TopK topK;
        private final RankSelection selection = new RankSelection();

        /** A row of at least {@code numItems} scores. */
        public float[] row(int numItems) {
            if (row.length < numItems) {
                row = new float[numItems];
            }
            return row;
        }

        /** At least {@code count} rows of at least {@code numItems} scores, for a block of users. */
        public float[][] rows(int count, int numItems) {
            if (rows.length < count || rows[0].length < numItems) {
                rows = new float[count][numItems];
            }
            return rows;
        }

        /** A heap for {@code k}, kept while consecutive calls ask for the same k (the usual case). */
        TopK topK(int k) {
            if (topK == null || topK.k() != k) {
                topK = new TopK(k);
            }
            return topK;
        }

        RankSelection selection() {
            return selection;
        }

        int[] items(int n) {
            if (items.length < n) {
                items = new int[n];
            }
            return items;
        }
    }
}
