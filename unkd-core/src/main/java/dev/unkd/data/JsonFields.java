package dev.unkd.data;

import java.util.Locale;

/**
 * Names of the JSON fields that hold user, item, rating and timestamp in a JSON lines file. A
 * name starting with {@code /} is a JSON pointer into nested objects ({@code /user/id}). Rating
 * and timestamp may be null: not read.
 */
public record JsonFields(String user, String item, String rating, String timestamp) {
    /** Amazon review dumps (McAuley et al.): reviewerID, asin, overall, unixReviewTime. */
    public static final JsonFields AMAZON = new JsonFields("reviewerID", "asin", "overall", "unixReviewTime");

    public JsonFields {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("Invalid user field name: '" + user + "'");
        }
        if (item == null || item.isBlank()) {
            throw new IllegalArgumentException("Invalid item field name: '" + item + "'");
        }
        if (rating != null && rating.isBlank()) {
            throw new IllegalArgumentException("Invalid rating field name: '" + rating + "'");
        }
        if (timestamp != null && timestamp.isBlank()) {
            throw new IllegalArgumentException("Invalid timestamp field name: '" + timestamp + "'");
        }
    }

    /**
     * Starts from {@link #AMAZON} and overrides the fields named in {@code spec}, e.g.
     * {@code user=uid,item=pid,rating=-} ({@code -} means: do not read this field).
     */
    public static JsonFields parse(String spec) {
        JsonFields f = AMAZON;
        if (spec == null || spec.isBlank()) {
            return f;
        }
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Invalid JSON field mapping: '" + part + "' (expected key=field)");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip();
            String field = value.equals("-") ? null : value;
            f = switch (key) {
                case "user" -> new JsonFields(field, f.item, f.rating, f.timestamp);
                case "item" -> new JsonFields(f.user, field, f.rating, f.timestamp);
                case "rating" -> new JsonFields(f.user, f.item, field, f.timestamp);
                case "timestamp", "time" -> new JsonFields(f.user, f.item, f.rating, field);
                default -> throw new IllegalArgumentException("Invalid JSON field key: '" + key
                        + "' (expected user, item, rating or timestamp)");
            };
        }
        return f;
    }
}
