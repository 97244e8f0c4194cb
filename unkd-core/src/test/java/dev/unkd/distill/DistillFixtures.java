package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.Batch;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.GradientLog;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Small synthetic data for distillation tests. */
final class DistillFixtures {
    private DistillFixtures() {
    }

    /**
     * Interactions with a power-law item popularity (item i drawn with weight 1/(i+1)), every user
     * with at least {@code minPerUser} items; some items end up with no interaction.
     */
    static Interactions powerLaw(int users, int items, int perUser, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] cdf = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            total += 1.0 / (i + 1);
            cdf[i] = total;
        }
        int[] us = new int[users * perUser];
        int[] is = new int[users * perUser];
        int n = 0;
        for (int u = 0; u < users; u++) {
            int k = 1 + rng.nextInt(perUser);
            for (int t = 0; t < k; t++) {
                double x = rng.nextDouble() * total;
                int i = java.util.Arrays.binarySearch(cdf, x);
                us[n] = u;
                is[n] = Math.min(items - 1, i >= 0 ? i : -i - 1);
                n++;
            }
        }
        return Interactions.of(users, items, java.util.Arrays.copyOf(us, n), java.util.Arrays.copyOf(is, n));
    }

    /**
     * Trains an MF-6 student on {@code data} (no validation, 4 epochs, seed 2022) from a random
     * dim-8 teacher with the given settings and thread count; returns its user and item tables.
     */
    static float[][] trainStudent(DistillerSettings settings, Interactions data, int threads) {
        int users = data.numUsers();
        int items = data.numItems();
        Embeddings t = randomEmbeddings(users, items, 8, 1, 14);
        Dataset dataset = new Dataset("synthetic", IdMap.range(users), IdMap.range(items), data, Interactions.empty(users, items),
                Interactions.empty(users, items));
        try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
            List<BatchObjective> objectives = settings.objectives(new Teacher("random", t.scorer(), Optional.of(t)), dataset, executor);
            MatrixFactorization student = MatrixFactorization.initialise(users, items, 6, new SplittableRandom(2022));
            TrainingConfig tc = TrainingConfig.defaults();
            new Trainer(new TrainingConfig(tc.lr(), tc.decay(), 100, 4, 5, 20, 2022, true, TrainingConfig.DEFAULT_SELECT_METRIC), executor,
                    TrainingListener.NONE).train(student, data, Interactions.empty(users, items), null, objectives);
            return new float[][] {student.userTable().data(), student.itemTable().data()};
        }
    }

    /** A scorer over a users x items function. */
    static Scorer scorer(int users, int items, ScoreFunction f) {
        return new Scorer() {
            @Override
            public int numUsers() {
                return users;
            }

            @Override
            public int numItems() {
                return items;
            }

            @Override
            public float score(int user, int item) {
                return f.score(user, item);
            }
        };
    }

    @FunctionalInterface
    interface ScoreFunction {
        float score(int user, int item);
    }

    static EmbeddingTable randomTable(int rows, int dim, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] d = new float[rows * dim];
        for (int k = 0; k < d.length; k++) {
            d[k] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return new EmbeddingTable(rows, dim, d);
    }

    static Embeddings randomEmbeddings(int users, int items, int dim, double scale, long seed) {
        return new Embeddings(randomTable(users, dim, scale, seed), randomTable(items, dim, scale, seed + 1));
    }

    /** Scores from a few levels only, so that ties are common; -Infinity on every 7th (user + item). */
    static Scorer tiedScorer(int users, int items, long seed) {
        return new Scorer() {
            @Override
            public int numUsers() {
                return users;
            }

            @Override
            public int numItems() {
                return items;
            }

            @Override
            public float score(int user, int item) {
                if ((user + item) % 7 == 0) {
                    return Float.NEGATIVE_INFINITY;
                }
                long h = dev.unkd.parallel.Seeds.derive(seed, user, item);
                return (float) Math.floorMod(h, 5);
            }
        };
    }

    /** A batch of the given users with arbitrary positives and negatives. */
    static Batch batch(int[] users, int numItems, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] pos = new int[users.length];
        int[] neg = new int[users.length];
        for (int k = 0; k < users.length; k++) {
            pos[k] = rng.nextInt(numItems);
            neg[k] = rng.nextInt(numItems);
        }
        return new Batch(1, 0, users.length, users, pos, neg);
    }

    /**
     * Loss of an objective over a batch, cut into chunks of {@code chunk} samples, gradients replayed
     * into {@code grads}; the batch hook runs first, as in the trainer (not the after-batch one, so
     * an objective's own parameters do not move).
     */
    static double run(BatchObjective objective, Batch batch, Embeddings emb, int chunk, EmbeddingGradients grads) {
        objective.beforeBatch(batch, emb);
        double loss = 0;
        for (int from = 0; from < batch.size(); from += chunk) {
            GradientLog log = new GradientLog(emb.dim());
            loss += objective.accumulate(batch, from, Math.min(batch.size(), from + chunk), emb, log, new SplittableRandom(from));
            if (grads != null) {
                log.replayInto(grads);
            }
        }
        return loss;
    }

    /**
     * Compares the objective's gradient with central finite differences on every coordinate of
     * the given rows; returns the largest violation of |a - n| <= rel * max(|a|, |n|) + abs.
     */
    static double gradientError(BatchObjective objective, Batch batch, Embeddings emb, int[] userRows, int[] itemRows, double h,
            double rel, double abs) {
        return gradientCheck(objective, batch, emb, userRows, itemRows, h, rel, abs, false)[0];
    }

    /**
     * As {@link #gradientError}; with {@code skipJumps}, coordinates where the loss jumps within
     * the step (detected by central differences at h and h/2 disagreeing) are skipped, for losses
     * with piecewise-constant weights. Returns {worst violation, coordinates skipped, coordinates}.
     */
    static double[] gradientCheck(BatchObjective objective, Batch batch, Embeddings emb, int[] userRows, int[] itemRows, double h,
            double rel, double abs, boolean skipJumps) {
        int dim = emb.dim();
        EmbeddingGradients grads = new EmbeddingGradients(emb.users().rows(), emb.items().rows(), dim);
        run(objective, batch, emb, 3, grads);
        double worst = 0;
        int skipped = 0;
        int total = 0;
        for (int pass = 0; pass < 2; pass++) {
            float[] table = pass == 0 ? emb.users().data() : emb.items().data();
            float[] analytic = pass == 0 ? grads.user() : grads.item();
            for (int row : pass == 0 ? userRows : itemRows) {
                for (int d = 0; d < dim; d++) {
                    int k = row * dim + d;
                    total++;
                    double numeric = central(objective, batch, emb, table, k, h);
                    if (skipJumps) {
                        double half = central(objective, batch, emb, table, k, h / 2);
                        if (Math.abs(half - numeric) > rel * Math.max(Math.abs(half), Math.abs(numeric)) + abs) {
                            skipped++;
                            continue;
                        }
                    }
                    double a = analytic[k];
                    double excess = Math.abs(a - numeric) - (rel * Math.max(Math.abs(a), Math.abs(numeric)) + abs);
                    worst = Math.max(worst, excess);
                }
            }
        }
        return new double[] {worst, skipped, total};
    }

    private static double central(BatchObjective objective, Batch batch, Embeddings emb, float[] table, int k, double h) {
        float saved = table[k];
        float up = (float) (saved + h);
        float down = (float) (saved - h);
        table[k] = up;
        double plus = run(objective, batch, emb, 3, null);
        table[k] = down;
        double minus = run(objective, batch, emb, 3, null);
        table[k] = saved;
        return (plus - minus) / ((double) up - down); // the step actually taken in float
    }
}
