package dev.unkd.testing;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random datasets with a planted low-rank structure for tests. */
public final class TestData {
    private TestData() {
    }

    /**
     * users x items, each user with {@code perUser} train items and 2 test items (valid for even
     * users, test for odd ones), preferring items close to the user's cluster so a model can learn.
     */
    public static Dataset clustered(int users, int items, int perUser, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int clusters = 4;
        List<int[]> train = new ArrayList<>();
        List<int[]> held = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int c = u % clusters;
            java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>();
            while (chosen.size() < perUser + 2) {
                int i = rng.nextDouble() < 0.8 ? (c + clusters * rng.nextInt(items / clusters)) : rng.nextInt(items);
                chosen.add(i);
            }
            int k = 0;
            for (int i : chosen) {
                (k++ < perUser ? train : held).add(new int[] {u, i});
            }
        }
        Interactions tr = build(users, items, train, p -> true);
        Interactions va = build(users, items, held, p -> p[0] % 2 == 0);
        Interactions te = build(users, items, held, p -> p[0] % 2 == 1);
        return new Dataset("clustered", IdMap.range(users), IdMap.range(items), tr, va, te);
    }

    public static Interactions build(int users, int items, List<int[]> pairs, java.util.function.Predicate<int[]> keep) {
        List<int[]> kept = pairs.stream().filter(keep).toList();
        int[] u = kept.stream().mapToInt(p -> p[0]).toArray();
        int[] i = kept.stream().mapToInt(p -> p[1]).toArray();
        return Interactions.of(users, items, u, i);
    }

    /** Interactions from {user, item} pairs. */
    public static Interactions of(int users, int items, int[][] pairs) {
        return build(users, items, List.of(pairs), p -> true);
    }
}
