package dev.unkd.serve;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.data.SplitDirectory;
import dev.unkd.model.FactorScorer;
import dev.unkd.recommend.Recommender;
import dev.unkd.recommend.UserFoldIn;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 17, fold-in quality: recall@K of every test user's trained vector against the vector
 * folded in from their training items alone, both ranking with the training items excluded.
 *
 * <pre>
 *   java -cp CP dev.unkd.serve.FoldInRecallRun SPLIT_DIR MODEL [K=20 [NEGATIVES=1024]]
 * </pre>
 */
public final class FoldInRecallRun {
    private FoldInRecallRun() {
    }

    public static void main(String[] args) throws Exception {
        Dataset data = SplitDirectory.read(Path.of(args[0]));
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        RecommendationService service = RecommendationService.open(Path.of(args[1]), data);
        ServingSnapshot s = service.snapshot();
        FactorScorer f = (FactorScorer) s.scorer();
        UserFoldIn served = s.foldIn().orElseThrow();
        int negatives = args.length > 3 ? Integer.parseInt(args[3]) : UserFoldIn.DEFAULT_NEGATIVES;
        UserFoldIn foldIn = new UserFoldIn(f, served.decay(), negatives, 2022);
        Interactions train = data.train();
        Interactions test = data.test();
        Recommender rec = s.recommender();
        Recommender.Scratch scratch = new Recommender.Scratch();
        double trained = 0;
        double folded = 0;
        double overlap = 0;
        int users = 0;
        long foldNanos = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            if (test.userDegree(u) == 0 || train.userDegree(u) == 0) {
                continue;
            }
            int[] relevant = test.itemsOf(u);
            int[] a = rec.recommend(u, k, new int[0], scratch);
            long t0 = System.nanoTime();
            float[] vector = foldIn.foldIn(train.itemsOf(u));
            foldNanos += System.nanoTime() - t0;
            int[] b = rec.recommendFor(vector, k, train.itemsOf(u), scratch);
            trained += hits(a, relevant) / (double) relevant.length;
            folded += hits(b, relevant) / (double) relevant.length;
            overlap += hits(b, Arrays.stream(a).sorted().toArray()) / (double) k;
            users++;
        }
        System.out.printf("%d test users, decay %.4g, %d negatives: recall@%d trained %.4f, folded-in %.4f (%.1f%% of trained);"
                + " top-%d overlap %.3f; fold-in alone %.1f us per user (mean, one thread)%n", users, foldIn.decay(),
                Math.min(negatives, data.numItems()), k, trained / users, folded / users, 100 * folded / trained, k,
                overlap / users, foldNanos / 1e3 / users);
    }

    private static int hits(int[] list, int[] sortedRelevant) {
        int n = 0;
        for (int i : list) {
            if (Arrays.binarySearch(sortedRelevant, i) >= 0) {
                n++;
            }
        }
        return n;
    }
}
