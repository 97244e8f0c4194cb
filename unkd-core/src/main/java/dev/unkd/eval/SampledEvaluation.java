package dev.unkd.eval;

import dev.unkd.data.Interactions;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.SplittableRandom;

/**
 * The sampled protocol (DE-RRD's leave-one-out evaluation): each held-out item against N
 * unobserved items drawn uniformly from a per-user seeded stream; its rank counts the negatives
 * scoring strictly higher. sampledHit@K and sampledNdcg@K average over held-out items, not users.
 */
final class SampledEvaluation {
    /** Users per parallel chunk; chunks fill their own slots, so results do not depend on threads. */
    private static final int CHUNK = 64;

    private SampledEvaluation() {
    }

    static void evaluate(Scorer scorer, Interactions train, Interactions heldOut, int[] users, EvaluationOptions options,
            ChunkedExecutor executor, EvaluationReport report) {
        int[][] ranks = ranks(scorer, train, heldOut, users, options, executor);
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
                        ndcg += Ndcg.discount(rank);
                    }
                }
            }
            report.put(MetricName.SAMPLED_HIT.at(k), new double[] {hit / total});
            report.put(MetricName.SAMPLED_NDCG.at(k), new double[] {ndcg / total});
        }
    }

    /** ranks[b][h]: negatives scoring above the h-th held-out item of users[b]. */
    private static int[][] ranks(Scorer scorer, Interactions train, Interactions heldOut, int[] users, EvaluationOptions options,
            ChunkedExecutor executor) {
        int n = options.sampledNegatives();
        int numItems = train.numItems();
        int[][] ranks = new int[users.length][];
        executor.run(ChunkedExecutor.chunks(users.length, CHUNK), c -> {
            for (int b = c * CHUNK; b < Math.min(users.length, (c + 1) * CHUNK); b++) {
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
        return ranks;
    }
}
