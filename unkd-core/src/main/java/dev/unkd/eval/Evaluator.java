package dev.unkd.eval;

import dev.unkd.data.Gini;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Full-ranking evaluation (the protocol of METHOD.md section 1): every item is ranked for every
 * user with held-out items, the user's training items excluded; accuracy metrics (Recall,
 * Precision, NDCG with binary gains, Hit, MRR) are averaged over those users, and popularity-bias
 * metrics are computed from the same top-K lists.
 *
 * <p>Only the scoring and top-K selection run in parallel (blocks of users); the top lists are
 * stored per user and reduced sequentially in user order, so results do not depend on the thread
 * count or block size.
 *
 * <p>Bias metrics: {@code groupShare@K} is the share of top-K slots in each popularity group,
 * over the slots holding an item that belongs to a group (items without training interactions
 * belong to none; the authors' {@code utils.resultBygroup} divides the same way).
 * {@code popularRecall@K} / {@code unpopularRecall@K} use the K = 2 split and, like the authors'
 * code, divide the summed per-user group recall by all evaluated users; the
 * {@code ...RecallGroupUsers@K} variants divide by the users who have held-out items in the half.
 * {@code groupRecall@K} is the per-group recall for the share groups (all-users denominator).
 */
public final class Evaluator {
    private final Interactions train;
    private final PopularityGroups shareGroups;
    private final PopularityGroups halves;
    private final int[] popularity;
    private final EvaluationOptions options;
    private final ChunkedExecutor executor;

    public Evaluator(Interactions train, EvaluationOptions options, ChunkedExecutor executor) {
        this(train, PopularityGroups.split(train, options.shareGroups(), false), options, executor);
    }

    public Evaluator(Interactions train, PopularityGroups shareGroups, EvaluationOptions options, ChunkedExecutor executor) {
        this.train = train;
        this.shareGroups = shareGroups;
        this.halves = PopularityGroups.split(train, 2, false);
        this.popularity = train.itemPopularity();
        this.options = options;
        this.executor = executor;
    }

    public EvaluationOptions options() {
        return options;
    }

    /** Users with at least one held-out item, ascending. */
    static int[] evaluatedUsers(Interactions heldOut) {
        return java.util.stream.IntStream.range(0, heldOut.numUsers()).filter(u -> heldOut.userDegree(u) > 0).toArray();
    }

    /** Top-{@code maxK} lists of the given users, training items excluded (row b for users[b]). */
    public int[][] topLists(Scorer scorer, int[] users, int k) {
        return topLists(scorer, users, k, done -> {
        });
    }

    /** As {@link #topLists(Scorer, int[], int)}, reporting the number of users finished per block (from any thread). */
    public int[][] topLists(Scorer scorer, int[] users, int k, java.util.function.IntConsumer progress) {
        checkShape(scorer);
        int block = options.userBlock();
        int[][] lists = new int[users.length][];
        int chunks = ChunkedExecutor.chunks(users.length, block);
        int numItems = train.numItems();
        ThreadLocal<float[][]> buffers = ThreadLocal.withInitial(() -> new float[block][numItems]);
        ThreadLocal<TopK> selectors = ThreadLocal.withInitial(() -> new TopK(k));
        int[] cols = train.userItemArray();
        executor.run(chunks, c -> {
            int from = c * block;
            int to = Math.min(users.length, from + block);
            float[][] scores = buffers.get();
            scorer.scoreBlock(users, from, to, scores);
            TopK top = selectors.get();
            for (int b = from; b < to; b++) {
                float[] row = scores[b - from];
                int u = users[b];
                for (int p = train.userStart(u); p < train.userEnd(u); p++) {
                    row[cols[p]] = Float.NEGATIVE_INFINITY;
                }
                lists[b] = top.select(row, numItems);
            }
            progress.accept(to - from);
        });
        return lists;
    }

    private void checkShape(Scorer scorer) {
        if (scorer.numUsers() != train.numUsers() || scorer.numItems() != train.numItems()) {
            throw new IllegalArgumentException("model has " + scorer.numUsers() + " users x " + scorer.numItems()
                    + " items, data has " + train.numUsers() + " x " + train.numItems());
        }
    }

    public EvaluationReport evaluate(Scorer scorer, Interactions heldOut) {
        return evaluate(scorer, heldOut, done -> {
        });
    }

    /** Evaluates, reporting progress in users ranked (full ranking only; called from worker threads). */
    public EvaluationReport evaluate(Scorer scorer, Interactions heldOut, java.util.function.IntConsumer progress) {
        int[] users = evaluatedUsers(heldOut);
        EvaluationReport report = new EvaluationReport();
        report.put("users", users.length);
        if (users.length == 0) {
            return report;
        }
        if (options.sampledNegatives() > 0) {
            sampled(scorer, heldOut, users, report);
            return report;
        }
        return evaluateLists(topLists(scorer, users, options.maxK(), progress), users, heldOut);
    }

    /**
     * The full-ranking metrics of top lists ranked elsewhere (e.g. by unkd-spark on a cluster):
     * {@code lists[b]} is the top-{@code maxK} list of {@code users[b]}, training items excluded,
     * and {@code users} are the users with held-out items, ascending. Reduced exactly as
     * {@link #evaluate}, so equal lists give bit-identical metrics.
     */
    public EvaluationReport evaluateLists(int[][] lists, int[] users, Interactions heldOut) {
        if (lists.length != users.length) {
            throw new IllegalArgumentException(lists.length + " top lists for " + users.length + " users");
        }
        EvaluationReport report = new EvaluationReport();
        report.put("users", users.length);
        if (users.length == 0) {
            return report;
        }
        for (int k : options.ks()) {
            accuracy(lists, users, heldOut, k, report);
        }
        for (int k : options.ks()) {
            bias(lists, users, heldOut, k, report);
        }
        return report;
    }

    private static void accuracy(int[][] lists, int[] users, Interactions heldOut, int k, EvaluationReport report) {
        double recall = 0;
        double precision = 0;
        double ndcg = 0;
        double hit = 0;
        double mrr = 0;
        for (int b = 0; b < users.length; b++) {
            int u = users[b];
            int relevant = heldOut.userDegree(u);
            int[] list = lists[b];
            int hits = 0;
            double dcg = 0;
            double rr = 0;
            for (int r = 0; r < Math.min(k, list.length); r++) {
                if (heldOut.contains(u, list[r])) {
                    hits++;
                    dcg += 1.0 / log2(r + 2);
                    if (rr == 0) {
                        rr = 1.0 / (r + 1);
                    }
                }
            }
            double idcg = 0;
            for (int r = 0; r < Math.min(k, relevant); r++) {
                idcg += 1.0 / log2(r + 2);
            }
            recall += (double) hits / relevant;
            precision += (double) hits / k;
            ndcg += dcg / idcg;
            hit += hits > 0 ? 1 : 0;
            mrr += rr;
        }
        int n = users.length;
        report.put("recall@" + k, recall / n);
        report.put("precision@" + k, precision / n);
        report.put("ndcg@" + k, ndcg / n);
        report.put("hit@" + k, hit / n);
        report.put("mrr@" + k, mrr / n);
    }

    private void bias(int[][] lists, int[] users, Interactions heldOut, int k, EvaluationReport report) {
        int groups = shareGroups.numGroups();
        long[] slots = new long[groups];
        long[] exposure = new long[train.numItems()];
        double[] groupRecall = new double[groups];
        double[] halfRecall = new double[2];
        int[] halfUsers = new int[2];
        double arp = 0;
        int[] relevantIn = new int[Math.max(groups, 2)];
        int[] hitsIn = new int[Math.max(groups, 2)];
        for (int b = 0; b < users.length; b++) {
            int u = users[b];
            int[] list = lists[b];
            int len = Math.min(k, list.length);
            double pop = 0;
            for (int r = 0; r < len; r++) {
                int item = list[r];
                exposure[item]++;
                pop += popularity[item];
                int g = shareGroups.groupOf(item);
                if (g != PopularityGroups.NONE) {
                    slots[g]++;
                }
            }
            arp += len == 0 ? 0 : pop / len;
            perGroupRecall(shareGroups, heldOut, u, list, len, relevantIn, hitsIn);
            for (int g = 0; g < groups; g++) {
                if (relevantIn[g] > 0) {
                    groupRecall[g] += (double) hitsIn[g] / relevantIn[g];
                }
            }
            perGroupRecall(halves, heldOut, u, list, len, relevantIn, hitsIn);
            for (int h = 0; h < Math.min(2, halves.numGroups()); h++) {
                if (relevantIn[h] > 0) {
                    halfRecall[h] += (double) hitsIn[h] / relevantIn[h];
                    halfUsers[h]++;
                }
            }
        }
        int n = users.length;
        long counted = Arrays.stream(slots).sum();
        double[] share = new double[groups];
        for (int g = 0; g < groups; g++) {
            share[g] = counted == 0 ? 0 : (double) slots[g] / counted;
            groupRecall[g] /= n;
        }
        report.put("groupShare@" + k, share);
        report.put("groupRecall@" + k, groupRecall);
        report.put("popularRecall@" + k, halfRecall[0] / n);
        report.put("unpopularRecall@" + k, halfRecall[1] / n);
        report.put("popularRecallGroupUsers@" + k, halfUsers[0] == 0 ? 0 : halfRecall[0] / halfUsers[0]);
        report.put("unpopularRecallGroupUsers@" + k, halfUsers[1] == 0 ? 0 : halfRecall[1] / halfUsers[1]);
        report.put("arp@" + k, arp / n);
        long covered = Arrays.stream(exposure).filter(c -> c > 0).count();
        report.put("coverage@" + k, (double) covered / train.numItems());
        report.put("gini@" + k, Gini.of(exposure));
    }

    /** Counts, per group, the user's held-out items and those among the first len of the list. */
    private static void perGroupRecall(PopularityGroups groups, Interactions heldOut, int u, int[] list, int len,
            int[] relevantIn, int[] hitsIn) {
        Arrays.fill(relevantIn, 0);
        Arrays.fill(hitsIn, 0);
        int[] cols = heldOut.userItemArray();
        for (int p = heldOut.userStart(u); p < heldOut.userEnd(u); p++) {
            int g = groups.groupOf(cols[p]);
            if (g != PopularityGroups.NONE && g < relevantIn.length) {
                relevantIn[g]++;
            }
        }
        for (int r = 0; r < len; r++) {
            if (heldOut.contains(u, list[r])) {
                int g = groups.groupOf(list[r]);
                if (g != PopularityGroups.NONE && g < hitsIn.length) {
                    hitsIn[g]++;
                }
            }
        }
    }

    /**
     * Sampled protocol: each held-out item against N unobserved items drawn uniformly (per-user
     * seeded stream); its rank counts the negatives scoring strictly higher. Averages over
     * held-out items.
     */
    private void sampled(Scorer scorer, Interactions heldOut, int[] users, EvaluationReport report) {
        checkShape(scorer);
        int n = options.sampledNegatives();
        int numItems = train.numItems();
        int[][] ranks = new int[users.length][];
        int chunkSize = 64;
        executor.run(ChunkedExecutor.chunks(users.length, chunkSize), c -> {
            for (int b = c * chunkSize; b < Math.min(users.length, (c + 1) * chunkSize); b++) {
                int u = users[b];
                SplittableRandom rng = new SplittableRandom(Seeds.derive(options.seed(), u));
                int[] held = heldOut.itemsOf(u);
                int[] r = new int[held.length];
                if (train.userDegree(u) + held.length >= numItems) {
                    ranks[b] = r; // no unobserved item to sample: every held-out item ranks first
                    continue;
                }
                for (int h = 0; h < held.length; h++) {
                    float s = scorer.score(u, held[h]);
                    int higher = 0;
                    for (int t = 0; t < n; t++) {
                        int j;
                        do {
                            j = rng.nextInt(numItems);
                        } while (train.contains(u, j) || heldOut.contains(u, j));
                        if (scorer.score(u, j) > s) {
                            higher++;
                        }
                    }
                    r[h] = higher;
                }
                ranks[b] = r;
            }
        });
        long total = 0;
        for (int[] r : ranks) {
            total += r.length;
        }
        for (int k : options.ks()) {
            double hit = 0;
            double ndcg = 0;
            for (int[] r : ranks) {
                for (int rank : r) {
                    if (rank < k) {
                        hit++;
                        ndcg += 1.0 / log2(rank + 2);
                    }
                }
            }
            report.put("sampledHit@" + k, hit / total);
            report.put("sampledNdcg@" + k, ndcg / total);
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
