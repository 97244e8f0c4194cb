package dev.unkd.model;

/**
 * Anything that scores (user, item) pairs over dense indices: a trained model, an imported
 * teacher, a popularity baseline. Higher is better. Implementations are thread-safe for reads.
 */
public interface Scorer {
    int numUsers();

    int numItems();

    float score(int user, int item);

    /** Writes the score of every item for {@code user} into {@code out[0..numItems)}. */
    default void scoreAll(int user, float[] out) {
        for (int i = 0; i < numItems(); i++) {
            out[i] = score(user, i);
        }
    }

    /**
     * Scores all items for {@code users[from..to)} into {@code out[0..to-from)}. Implementations
     * with embeddings override this with a cache-blocked kernel.
     */
    default void scoreBlock(int[] users, int from, int to, float[][] out) {
        for (int b = from; b < to; b++) {
            scoreAll(users[b], out[b - from]);
        }
    }
}
