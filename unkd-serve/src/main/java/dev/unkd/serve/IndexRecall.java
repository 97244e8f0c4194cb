package dev.unkd.serve;

import dev.unkd.data.Interactions;
import dev.unkd.model.FactorScorer;
import dev.unkd.recommend.Recommender;
import java.util.Arrays;

/**
 * Recall@{@value #K} of an index against exact search, measured on a sample of the model's own
 * users with their training items excluded, as the service would answer them. Measured when an
 * index is built, because the graph's recall depends on the embeddings far more than on the
 * catalogue size (docs/BENCHMARKS.md: 0.96-0.98 at ef 100 on trained dim-100 CiteULike models,
 * 0.03-0.19 on isotropic random items of dim 64), so only the model's own vectors can say whether
 * an index is fit to serve it.
 */
final class IndexRecall {
    /** List length the recall is measured at: the service's default k. */
    static final int K = 20;
    /** Users sampled, evenly spaced over the user ids (deterministic); exact search of 200 users costs ~6 s at 1M items x dim 64. */
    static final int SAMPLE_USERS = 200;

    private IndexRecall() {
    }

    /** The share of the exact top-{@value #K} lists that the index returns, over the sampled users; 1 when no user has a list. */
    static double sample(MipsIndex index, FactorScorer scorer, Recommender exact, Interactions train) {
        int users = scorer.numUsers();
        int n = Math.min(users, SAMPLE_USERS);
        int dim = scorer.dim();
        float[] vectors = scorer.userEmbeddings();
        Recommender.Scratch scratch = new Recommender.Scratch();
        long found = 0;
        long wanted = 0;
        for (int j = 0; j < n; j++) {
            int u = (int) ((long) j * users / n);
            int[] truth = exact.recommend(u, K, new int[0], scratch);
            int[] got = index.search(Arrays.copyOfRange(vectors, u * dim, (u + 1) * dim), K, train.itemsOf(u)).items();
            int[] sorted = got.clone();
            Arrays.sort(sorted);
            for (int i : truth) {
                if (Arrays.binarySearch(sorted, i) >= 0) {
                    found++;
                }
            }
            wanted += truth.length;
        }
        return wanted == 0 ? 1 : found / (double) wanted;
    }
}
