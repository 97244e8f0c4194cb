package dev.unkd.serve;

/**
 * A ranked list over dense item indices, best first, with the score of each; {@code fallback} is
 * true when it came from the popularity ranking instead of the model. The only allocation of a
 * request on the scoring path.
 */
public record Recommendation(int[] items, float[] scores, boolean fallback) {
    public Recommendation {
        if (items.length != scores.length) {
            throw new IllegalArgumentException("items and scores differ in length: " + items.length + " vs " + scores.length);
        }
    }

    public int size() {
        return items.length;
    }
}
