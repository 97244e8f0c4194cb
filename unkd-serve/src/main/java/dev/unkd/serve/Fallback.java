package dev.unkd.serve;

import java.util.Locale;

/**
 * What a user the model does not know gets instead of a 404.
 *
 * <ul>
 *   <li>{@link #NONE}: nothing, 404 (the default);
 *   <li>{@link #POPULAR}: the most popular training items, which concentrates exposure on the head;
 *   <li>{@link #BALANCED}: group-balanced popular items, the most popular items of each of the
 *       training data's popularity groups in turn (group 0, 1, 2, 3, 0, ...), so every group of
 *       equal interaction mass gets the same share of the slots and the long tail is not pushed
 *       out by the head.
 * </ul>
 */
public enum Fallback {
    NONE, POPULAR, BALANCED;

    /** The command-line and JSON name: "none", "popular", "balanced". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label; anything else is an IllegalArgumentException listing the choices. */
    public static Fallback parse(String label) {
        for (Fallback f : values()) {
            if (f.label().equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Invalid --fallback: '" + label + "' (expected none, popular or balanced)");
    }
}
