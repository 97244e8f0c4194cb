package dev.unkd.bench;

import dev.unkd.data.Interactions;
import java.util.SplittableRandom;

/** CiteULike-sized random training data (5,219 users, 25,181 items, ~98k pairs, power-law items) so benchmarks need no files. */
final class BenchData {
    static final int USERS = 5219;
    static final int ITEMS = 25181;
    static final int PER_USER = 19;

    private BenchData() {
    }

    static Interactions citeulikeSized(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = USERS * PER_USER;
        int[] u = new int[n];
        int[] i = new int[n];
        for (int k = 0; k < n; k++) {
            u[k] = k / PER_USER;
            // Zipf-like item popularity: inverse transform of a power law over ranks
            i[k] = (int) Math.min(ITEMS - 1, Math.floor(Math.pow(rng.nextDouble(), 2.2) * ITEMS));
        }
        return Interactions.of(USERS, ITEMS, u, i);
    }
}
