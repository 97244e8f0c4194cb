package dev.unkd.eval;

import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.data.SplitDirectory;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measures the cost of the popularity-bias metrics of issue 13 (not a unit test): on a split,
 * the full test ranking of an MF model (random weights cost the same as trained ones) and the
 * metric reduction with the metrics before issue 13 and with all, alternating in one JVM.
 *
 * <pre>
 *   java -cp ... dev.unkd.eval.BiasMetricsCostRun /work/shared/data/citeulike [dim=10] [reps=5] [threads=2]
 * </pre>
 */
public final class BiasMetricsCostRun {
    private static final Set<MetricName> NEW = EnumSet.of(MetricName.APLT, MetricName.POP_RSP, MetricName.POP_REO, MetricName.POP_LIFT,
            MetricName.MISCALIBRATION, MetricName.IPS_RECALL, MetricName.IPS_NDCG);

    private BiasMetricsCostRun() {
    }

    public static void main(String[] args) throws Exception {
        Dataset data = SplitDirectory.read(Path.of(args[0]));
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Scorer scorer = MatrixFactorization.initialise(data.numUsers(), data.numItems(), dim, new SplittableRandom(1)).scorer();
        EvaluationOptions options = EvaluationOptions.defaults();
        try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
            Evaluator evaluator = new Evaluator(data.train(), options, executor);
            int[] users = Evaluator.evaluatedUsers(data.test());
            PopularityGroups groups = PopularityGroups.split(data.train(), options.shareGroups(), false);
            PopularityGroups halves = PopularityGroups.split(data.train(), 2, false);
            int[] pop = data.train().itemPopularity();
            IpsWeights weights = new IpsWeights(pop, options.ipsGamma());
            System.out.printf(Locale.ROOT, "%d test users, %d items, dim %d, %d threads%n", users.length, data.numItems(), dim, threads);
            for (int rep = 0; rep < reps + 1; rep++) {
                long t0 = System.nanoTime();
                int[][] lists = evaluator.topLists(scorer, users, options.maxK());
                long t1 = System.nanoTime();
                double old = reduce(lists, users, data, options, groups, halves, pop, weights, false);
                long t2 = System.nanoTime();
                double all = reduce(lists, users, data, options, groups, halves, pop, weights, true);
                long t3 = System.nanoTime();
                System.out.printf(Locale.ROOT, "%s rank %.1f ms, old metrics %.2f ms, all metrics %.2f ms: evaluation +%.1f%% (%s)%n",
                        rep == 0 ? "warm-up" : "rep " + rep, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                        100.0 * ((t3 - t2) - (t2 - t1)) / ((t1 - t0) + (t2 - t1)), old + all > -1 ? "ok" : "");
            }
        }
    }

    private static double reduce(int[][] lists, int[] users, Dataset data, EvaluationOptions options, PopularityGroups groups,
            PopularityGroups halves, int[] pop, IpsWeights weights, boolean withNew) {
        List<SystemMetric> metrics = ReportedMetrics.fullRanking(options.ks(), groups, halves, pop, data.train(), weights, 0);
        if (!withNew) {
            metrics = metrics.stream().filter(m -> !NEW.contains(m.key().metric())).toList();
        }
        JudgedList judged = new JudgedList(data.test());
        for (int b = 0; b < users.length; b++) {
            judged.judge(users[b], lists[b]);
            for (SystemMetric m : metrics) {
                m.accumulate(judged);
            }
        }
        double check = 0;
        for (SystemMetric m : metrics) {
            check += m.result()[0];
        }
        return check;
    }
}
