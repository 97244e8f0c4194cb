package dev.unkd.serve;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.data.SplitDirectory;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.Scorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A hand-made split of 5 users x 10 items (one item id holds a comma, to exercise CSV quoting),
 * written as a split directory and read back like the CLI does, and MF models with seeded
 * random embeddings saved as model files.
 */
public final class ServeFixture {
    public static final String[] USERS = {"alice", "bob", "carol", "dave", "eve"};
    public static final String[] ITEMS = {"i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "x,y"};
    private static final int[][] TRAIN = {{0, 0}, {0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 4}, {2, 5}, {2, 6}, {2, 7}, {3, 0}, {4, 8}, {4, 2}};
    private static final int[][] TEST = {{0, 3}, {1, 5}, {3, 9}};

    private ServeFixture() {
    }

    /** Writes the split into {@code dir} and returns it as read back from there. */
    public static Dataset writeSplit(Path dir) throws IOException {
        IdMap users = IdMap.of(List.of(USERS));
        IdMap items = IdMap.of(List.of(ITEMS));
        Dataset made = new Dataset("fixture", users, items, interactions(TRAIN), Interactions.empty(USERS.length, ITEMS.length),
                interactions(TEST));
        SplitDirectory.write(made, dir);
        return SplitDirectory.read(dir);
    }

    private static Interactions interactions(int[][] pairs) {
        return Interactions.of(USERS.length, ITEMS.length, Arrays.stream(pairs).mapToInt(p -> p[0]).toArray(),
                Arrays.stream(pairs).mapToInt(p -> p[1]).toArray());
    }

    public static MatrixFactorization model(Dataset data, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new MatrixFactorization(table(data.numUsers(), dim, rng), table(data.numItems(), dim, rng));
    }

    private static EmbeddingTable table(int rows, int dim, SplittableRandom rng) {
        float[] data = new float[rows * dim];
        for (int k = 0; k < data.length; k++) {
            data[k] = (float) (rng.nextDouble() * 2 - 1);
        }
        return new EmbeddingTable(rows, dim, data);
    }

    public static Path saveModel(Dataset data, Path file, int dim, long seed) throws IOException {
        ModelFile.save(Models.toSaved(model(data, dim, seed), data, Map.of("seed", seed)), file);
        return file;
    }

    /** The reference ranking: every unseen, unexcluded item sorted by score (ties: lower index), first k. */
    public static int[] bruteForce(Scorer scorer, Interactions train, int user, int k, int... exclude) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < scorer.numItems(); i++) {
            int item = i;
            if (!train.contains(user, i) && IntStream.of(exclude).noneMatch(x -> x == item)) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -scorer.score(user, i)).thenComparingInt(i -> i));
        return candidates.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }
}
