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

    /** The ranked items with their scores read from the score row they were selected from. */
    public static Recommendation fromRow(int[] items, float[] row, boolean fallback) {
        float[] scores = new float[items.length];
        for (int r = 0; r < items.length; r++) {
            scores[r] = row[items[r]];
        }
        return new Recommendation(items, scores, fallback);
    }

    public int size() {
        return items.length;
    }
}
