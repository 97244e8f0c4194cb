package dev.unkd.train;

/**
 * One training batch: {@code size} triples (users[k], positives[k], negatives[k]) of an epoch.
 * Arrays may be longer than size (reused buffers).
 */
public record Batch(int epoch, int index, int size, int[] users, int[] positives, int[] negatives) {
}
