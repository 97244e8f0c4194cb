package dev.unkd.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The built-in default dataset: synthetic implicit feedback with a power-law item popularity and
 * planted low-rank preferences, deterministic by seed.
 *
 * <p>Model: item i has an exposure {@code e_i = rank_i^-a} (Zipf over a random ranking of the
 * items) and a latent vector {@code q_i}; user u has a latent vector {@code p_u} (both standard
 * normal in {@code rank} dimensions) and a number of items {@code n_u = min + LogNormal}. User u
 * picks {@code n_u} distinct items, without replacement, with probability proportional to
 * {@code e_i * exp(beta * <p_u, q_i> / sqrt(rank))} ({@link WeightedSampling}, exact; one
 * dot product and one exp per item): cost O(items x rank) per user, users in
 * parallel with one pre-split random stream each, so the result does not depend on thread timing.
 * Timestamps are uniform random (no signal), so temporal and leave-one-out splits work on it.
 *
 * <p>Defaults (rank 20, beta 3.5, exponent 0.85) were chosen by measurement: with rank 8 a
 * dim-10 BPR-MF came within 15% of a dim-100 one; at rank 20 the dim-100 model reaches about
 * twice the dim-10 model's Recall@20, as MF-100 vs MF-10 on CiteULike in the UnKD paper, and
 * most-popular stays modest (Recall@20 about 0.08).
 */
public final class SyntheticData {
    /** Spread of the log of the number of extra items per user. */
    private static final double ITEMS_LOG_SIGMA = 1.0;

    private SyntheticData() {
    }

    /**
     * Generator settings.
     *
     * @param numUsers           users
     * @param numItems           items (items never picked are dropped from the result)
     * @param rank               dimensions of the planted preferences
     * @param preferenceStrength beta: how strongly preferences outweigh exposure
     * @param popularityExponent a: Zipf exponent of item exposure
     * @param meanItemsPerUser   mean interactions per user (before the cap of numItems / 4)
     * @param minItemsPerUser    every user has at least this many interactions
     * @param seed               random seed
     */
    public record Options(int numUsers, int numItems, int rank, double preferenceStrength, double popularityExponent,
            double meanItemsPerUser, int minItemsPerUser, long seed) {
        public Options {
            if (numUsers < 1) {
                throw new IllegalArgumentException("Invalid number of users: " + numUsers);
            }
            if (numItems < 1) {
                throw new IllegalArgumentException("Invalid number of items: " + numItems);
            }
            if (rank < 1) {
                throw new IllegalArgumentException("Invalid preference rank: " + rank);
            }
            if (!(preferenceStrength >= 0) || Double.isInfinite(preferenceStrength)) {
                throw new IllegalArgumentException("Invalid preference strength: " + preferenceStrength);
            }
            if (!(popularityExponent >= 0) || Double.isInfinite(popularityExponent)) {
                throw new IllegalArgumentException("Invalid popularity exponent: " + popularityExponent);
            }
            if (minItemsPerUser < 1 || minItemsPerUser > numItems) {
                throw new IllegalArgumentException("Invalid minimum items per user: " + minItemsPerUser);
            }
            if (!(meanItemsPerUser > minItemsPerUser) || Double.isInfinite(meanItemsPerUser)) {
                throw new IllegalArgumentException("Invalid mean items per user: " + meanItemsPerUser
                        + " (must exceed the minimum " + minItemsPerUser + ")");
            }
        }

        /** 3,000 users x 6,000 items, about 100k interactions, rank 20, beta 3.5, exposure exponent 0.85, seed 2022. */
        public static Options defaults() {
            return new Options(3000, 6000, 20, 3.5, 0.85, 34, 5, 2022);
        }

        public Options withSeed(long s) {
            return new Options(numUsers, numItems, rank, preferenceStrength, popularityExponent, meanItemsPerUser, minItemsPerUser, s);
        }

        public Options withSize(int users, int items) {
            return new Options(users, items, rank, preferenceStrength, popularityExponent, meanItemsPerUser, minItemsPerUser, seed);
        }
    }

    /** The log drawn from the model described above, items that no user picked dropped. */
    public static InteractionLog generate(Options o) {
        SplittableRandom random = new SplittableRandom(o.seed());
        int n = o.numItems();
        int r = o.rank();
        double[] logExposure = new double[n];
        int[] ranking = permutation(n, random);
        for (int i = 0; i < n; i++) {
            logExposure[i] = -o.popularityExponent() * Math.log(ranking[i] + 1.0);
        }
        double[] itemFactors = gaussian(n * r, random);
        double[] userFactors = gaussian(o.numUsers() * r, random);
        SplittableRandom[] userRandom = new SplittableRandom[o.numUsers()];
        for (int u = 0; u < o.numUsers(); u++) {
            userRandom[u] = random.split();
        }
        double scale = o.preferenceStrength() / Math.sqrt(r);
        double mu = Math.log(o.meanItemsPerUser() - o.minItemsPerUser()) - ITEMS_LOG_SIGMA * ITEMS_LOG_SIGMA / 2;
        int maxItems = Math.max(o.minItemsPerUser(), n / 4);
        int[][] picks = new int[o.numUsers()][];
        IntStream.range(0, o.numUsers()).parallel().forEach(u -> {
            SplittableRandom ur = userRandom[u];
            int count = (int) Math.min(maxItems, o.minItemsPerUser() + Math.floor(Math.exp(mu + ITEMS_LOG_SIGMA * ur.nextGaussian())));
            picks[u] = drawItems(userFactors, u, itemFactors, r, logExposure, scale, count, ur);
        });
        int total = Arrays.stream(picks).mapToInt(p -> p.length).sum();
        int[] user = new int[total];
        int[] item = new int[total];
        long[] time = new long[total];
        int k = 0;
        for (int u = 0; u < o.numUsers(); u++) {
            for (int i : picks[u]) {
                user[k] = u;
                item[k] = i;
                time[k] = userRandom[u].nextLong(1L << 31);
                k++;
            }
        }
        String source = "synthetic(users=" + o.numUsers() + ",items=" + n + ",rank=" + r + ",seed=" + o.seed() + ")";
        return new InteractionLog(source, prefixed("u", o.numUsers()), prefixed("i", n), user, item, null, time).compact();
    }

    /** The default log: {@link Options#defaults()}. */
    public static InteractionLog defaultLog() {
        return generate(Options.defaults());
    }

    /** The default dataset: the default log split as in the paper (20% hold-out, 20% validation users), seed 2022. */
    public static Dataset defaultDataset() {
        InteractionLog log = defaultLog();
        Dataset d = PaperSplitter.CITEULIKE.split(log, 2022);
        return new Dataset("synthetic", d.users(), d.items(), d.train(), d.valid(), d.test());
    }

    /** The {@code count} items drawn for user u, with weights {@code exp(logExposure_i + scale * <p_u, q_i>)}. */
    private static int[] drawItems(double[] userFactors, int u, double[] itemFactors, int r, double[] logExposure, double scale,
            int count, SplittableRandom random) {
        int n = logExposure.length;
        double[] weights = new double[n];
        int uo = u * r;
        for (int i = 0; i < n; i++) {
            double dot = 0;
            int io = i * r;
            for (int d = 0; d < r; d++) {
                dot += userFactors[uo + d] * itemFactors[io + d];
            }
            weights[i] = Math.exp(logExposure[i] + scale * dot);
        }
        return WeightedSampling.withoutReplacement(weights, count, random);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double[] gaussian(int n, SplittableRandom random) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = random.nextGaussian();
        }
        return v;
    }

    private static IdMap prefixed(String prefix, int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = prefix + i;
        }
        return IdMap.of(Arrays.asList(ids));
    }
}
