package dev.unkd.eval;

/**
 * A metric at a list length, such as NDCG@20: how reports, training selection and result tables
 * name a number. Written {@code name@cutoff} in files ({@link #toString()}, {@link #parse}).
 *
 * @param metric which metric
 * @param cutoff the list length K (at least 1)
 */
public record MetricKey(MetricName metric, int cutoff) {
    public MetricKey {
        if (metric == null) {
            throw new IllegalArgumentException("Invalid metric: null");
        }
        if (cutoff < 1) {
            throw new IllegalArgumentException("Invalid cutoff for " + metric.id() + ": " + cutoff + " (must be at least 1)");
        }
    }

    /**
     * Reads "ndcg@20". Throws {@link IllegalArgumentException} naming the text and the known
     * metrics when the name is unknown or the cutoff is not a positive integer.
     */
    public static MetricKey parse(String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("Invalid metric '" + text + "': expected NAME@K such as ndcg@20, with NAME one of "
                    + MetricName.known());
        }
        String name = text.substring(0, at);
        MetricName metric = MetricName.byId(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown metric '" + name + "' in '" + text + "'; known metrics: " + MetricName.known()));
        int cutoff;
        try {
            cutoff = Integer.parseInt(text.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid cutoff in metric '" + text + "': expected a positive integer after '@'");
        }
        return new MetricKey(metric, cutoff);
    }

    /** "ndcg@20". */
    @Override
    public String toString() {
        return metric.id() + "@" + cutoff;
    }
}
