package dev.unkd.eval;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.recommend.Recommender;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Full-ranking evaluation (the protocol of METHOD.md section 1): every item is ranked for every
 * user with held-out items, the user's training items excluded ({@link Recommender}); the
 * per-list metrics ({@link ListMetric}: Recall, Precision, NDCG, Hit, MRR, per-group recall) are
 * averaged over those users (or over all users, as {@link EvaluationOptions#averaging()} says)
 * and the system metrics ({@link SystemMetric}: group share, ARP, coverage, Gini) computed from
 * the same top-K lists, in the order of {@link ReportedMetrics}.
 *
 * <p>Only the scoring and top-K selection run in parallel (blocks of users); the top lists are
 * stored per user and fed to the metrics sequentially in user order, so results do not depend on
 * the thread count or block size. That reduction costs O(users x K) against the scoring's
 * O(users x items x dim).
 *
 * <p>Denominators of the bias metrics: see {@link GroupShare} (slots of items in a group),
 * {@link GroupRecall} and {@link MetricName} ({@code popularRecall@K} divides by all evaluated
 * users like the authors' code, {@code popularRecallGroupUsers@K} by the users with held-out
 * items in the half). The popularity-bias metrics (aplt, popRsp, popReo, popLift,
 * miscalibration, ipsRecall, ipsNdcg) are defined in their classes and docs/METRICS.md.
 *
 * <p>Bad input fails at construction with an {@link IllegalArgumentException}: more report groups
 * than items with training interactions, or an empty long tail (the K = 2 split of the training
 * popularity has a single group, e.g. when one item holds more than half of all interactions).
 */
public final class Evaluator {
    private final Interactions train;
    private final PopularityGroups shareGroups;
    private final PopularityGroups halves;
    private final int[] popularity;
    private final IpsWeights weights;
    private final EvaluationOptions options;
    private final ChunkedExecutor executor;

    public Evaluator(Interactions train, EvaluationOptions options, ChunkedExecutor executor) {
        this(train, reportGroups(train, options.shareGroups()), options, executor);
    }

    public Evaluator(Interactions train, PopularityGroups shareGroups, EvaluationOptions options, ChunkedExecutor executor) {
        this.train = train;
        this.shareGroups = shareGroups;
        this.halves = PopularityGroups.split(train, 2, false);
        if (halves.numGroups() < 2) {
            throw new IllegalArgumentException("the long tail is empty: the K = 2 equal-mass split of the " + train.size()
                    + " training interactions has " + halves.numGroups() + " group(s), so aplt and the unpopular-half metrics are undefined");
        }
        this.popularity = train.itemPopularity();
        this.weights = new IpsWeights(popularity, options.ipsGamma());
        this.options = options;
        this.executor = executor;
    }

    private static PopularityGroups reportGroups(Interactions train, int groups) {
        long withInteractions = java.util.Arrays.stream(train.itemPopularity()).filter(p -> p > 0).count();
        if (groups > withInteractions) {
            throw new IllegalArgumentException("more report groups (" + groups + ") than items with training interactions ("
                    + withInteractions + ")");
        }
        return PopularityGroups.split(train, groups, false);
    }

    /** The report's popularity groups (groupShare, groupRecall, popRsp, popReo, miscalibration, stratified test). */
    public PopularityGroups reportGroups() {
        return shareGroups;
    }

    public EvaluationOptions options() {
        return options;
    }

    /** Users with at least one held-out item, ascending. */
    static int[] evaluatedUsers(Interactions heldOut) {
        return IntStream.range(0, heldOut.numUsers()).filter(u -> heldOut.userDegree(u) > 0).toArray();
    }

    /** Top-{@code k} lists of the given users, training items excluded (row b for users[b]). */
    public int[][] topLists(Scorer scorer, int[] users, int k) {
        return topLists(scorer, users, k, done -> {
        });
    }

    /** As {@link #topLists(Scorer, int[], int)}, reporting the number of users finished per block (from any thread). */
    public int[][] topLists(Scorer scorer, int[] users, int k, IntConsumer progress) {
        return new Recommender(scorer, train).recommend(users, k, options.userBlock(), executor, progress);
    }

    public EvaluationReport evaluate(Scorer scorer, Interactions heldOut) {
        return evaluate(scorer, heldOut, done -> {
        });
    }

    /** Evaluates, reporting progress in users ranked (full ranking only; called from worker threads). */
    public EvaluationReport evaluate(Scorer scorer, Interactions heldOut, IntConsumer progress) {
        return evaluate(scorer, heldOut, progress, false);
    }

    /**
     * As {@link #evaluate(Scorer, Interactions, IntConsumer)}, keeping the per-user values of the
     * full-ranking metrics in {@link EvaluationReport#userMetrics()} (the sampled protocol has none).
     * The reported values are the same bits as without.
     */
    public EvaluationReport evaluateByUser(Scorer scorer, Interactions heldOut, IntConsumer progress) {
        return evaluate(scorer, heldOut, progress, true);
    }

    private EvaluationReport evaluate(Scorer scorer, Interactions heldOut, IntConsumer progress, boolean byUser) {
        int[] users = evaluatedUsers(heldOut);
        if (users.length == 0) {
            return evaluateLists(new int[0][], users, heldOut, false); // no metrics; the averaging still recorded
        }
        if (options.sampledNegatives() > 0) {
            checkShape(scorer);
            EvaluationReport report = new EvaluationReport(users.length);
            SampledEvaluation.evaluate(scorer, train, heldOut, users, options, executor, report);
            return report;
        }
        return evaluateLists(topLists(scorer, users, options.maxK(), progress), users, heldOut, byUser);
    }

    private void checkShape(Scorer scorer) {
        if (scorer.numUsers() != train.numUsers() || scorer.numItems() != train.numItems()) {
            throw new IllegalArgumentException("model has " + scorer.numUsers() + " users x " + scorer.numItems()
                    + " items, data has " + train.numUsers() + " x " + train.numItems());
        }
    }

    /**
     * The full-ranking metrics of top lists ranked elsewhere (e.g. by unkd-spark on a cluster):
     * {@code lists[b]} is the top-{@code maxK} list of {@code users[b]}, training items excluded,
     * and {@code users} are the users with held-out items, ascending. Reduced exactly as
     * {@link #evaluate}, so equal lists give bit-identical metrics.
     */
    public EvaluationReport evaluateLists(int[][] lists, int[] users, Interactions heldOut) {
        return evaluateLists(lists, users, heldOut, false);
    }

    /** As {@link #evaluateLists(int[][], int[], Interactions)}, with the per-user values when {@code byUser}. */
    public EvaluationReport evaluateLists(int[][] lists, int[] users, Interactions heldOut, boolean byUser) {
        if (lists.length != users.length) {
            throw new IllegalArgumentException(lists.length + " top lists for " + users.length + " users");
        }
        // all-users averaging: the users without a held-out item count as zeros in the accuracy means
        int absent = options.averaging() == UserAveraging.ALL_USERS ? heldOut.numUsers() - users.length : 0;
        EvaluationReport report = new EvaluationReport(users.length, options.averaging(), users.length + absent);
        if (users.length == 0) {
            return report;
        }
        List<SystemMetric> metrics = ReportedMetrics.fullRanking(options.ks(), shareGroups, halves, popularity, train, weights, absent);
        List<MeanOverUsers> means = new ArrayList<>();
        if (byUser) {
            metrics.stream().filter(m -> m instanceof MeanOverUsers).forEach(m -> means.add((MeanOverUsers) m));
        }
        double[][] perUser = new double[means.size()][users.length];
        JudgedList judged = new JudgedList(heldOut);
        for (int b = 0; b < users.length; b++) {
            judged.judge(users[b], lists[b]);
            for (SystemMetric m : metrics) {
                m.accumulate(judged);
            }
            for (int j = 0; j < perUser.length; j++) {
                perUser[j][b] = means.get(j).last();
            }
        }
        for (SystemMetric m : metrics) {
            report.put(m.key(), m.result());
        }
        if (byUser) {
            report.setUserMetrics(new UserMetrics(users.clone(), means.stream().map(MeanOverUsers::key).toList(), perUser));
        }
        return report;
    }
}
