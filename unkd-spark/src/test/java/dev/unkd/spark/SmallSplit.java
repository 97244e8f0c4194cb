package dev.unkd.spark;

import dev.unkd.model.EmbeddingTable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A small random split written as the core's split directory, with string ids that are not
 * numbers (so the id order is first appearance, the harder case), skewed item popularity, a few
 * duplicate lines, and random embeddings for a model over it.
 */
final class SmallSplit {
    static final int USERS = 300;
    static final int ITEMS = 120;

    private SmallSplit() {
    }

    static Path write(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(seed);
        try (Writer train = Files.newBufferedWriter(dir.resolve("train.txt"), StandardCharsets.UTF_8);
                Writer valid = Files.newBufferedWriter(dir.resolve("valid.txt"), StandardCharsets.UTF_8);
                Writer test = Files.newBufferedWriter(dir.resolve("test.txt"), StandardCharsets.UTF_8)) {
            for (int u = 0; u < USERS; u++) {
                String user = "user" + ((u * 37) % USERS);
                int n = 3 + rng.nextInt(12);
                for (int k = 0; k < n; k++) {
                    // squared uniform: low item numbers are popular
                    double x = rng.nextDouble();
                    String item = "it" + (int) (x * x * ITEMS);
                    double part = rng.nextDouble();
                    Writer w = part < 0.7 ? train : (u % 5 == 0 ? valid : test);
                    w.write(user + "\t" + item + "\n");
                    if (k == 0) {
                        train.write(user + "\t" + item + "\n"); // duplicates are dropped
                    }
                }
            }
        }
        return dir;
    }

    static EmbeddingTable embeddings(int rows, int dim, long seed) {
        return EmbeddingTable.normal(rows, dim, 0.5, new SplittableRandom(seed));
    }
}
