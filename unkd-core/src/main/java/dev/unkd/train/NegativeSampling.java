package dev.unkd.train;

import dev.unkd.data.Interactions;
import java.util.SplittableRandom;

/**
 * How BPR's negative item is drawn: with probability {@code popularShare} proportionally to the
 * item's training popularity (a uniform training interaction's item, as the implicit library's
 * BPR samples its negatives), otherwise uniformly over the catalogue; a training item of the user
 * is drawn again. Uniform negatives are mostly unpopular items, so BPR learns mostly "popular
 * above unpopular" and adds popularity to the scores; popularity-proportional negatives take that
 * back (issue 18, idea 5).
 *
 * @param popularShare the share of popularity-proportional draws, in [0, 1] (0: uniform, the default)
 */
public record NegativeSampling(double popularShare) {
    public static final NegativeSampling UNIFORM = new NegativeSampling(0);
    public static final NegativeSampling POPULARITY = new NegativeSampling(1);
    /** Popularity-proportional draws rejected in a row before the draw falls back to uniform ones. */
    private static final int POPULAR_TRIES = 64;

    public NegativeSampling {
        if (!(popularShare >= 0 && popularShare <= 1)) {
            throw new IllegalArgumentException("Invalid negative sampling: popularity share " + popularShare + " (expected 0 to 1)");
        }
    }

    /** "uniform", "popularity" or "popularity:SHARE". */
    public String label() {
        if (popularShare == 0) {
            return "uniform";
        }
        return popularShare == 1 ? "popularity" : "popularity:" + popularShare;
    }

    public boolean isUniform() {
        return popularShare == 0;
    }

    /** Parses a {@link #label()}; anything else is an IllegalArgumentException naming the forms. */
    public static NegativeSampling parse(String label) {
        String expected = " (expected uniform, popularity or popularity:SHARE with SHARE in [0, 1])";
        if (label.equals("uniform")) {
            return UNIFORM;
        }
        if (label.equals("popularity")) {
            return POPULARITY;
        }
        if (label.startsWith("popularity:")) {
            String share = label.substring("popularity:".length());
            if (share.matches("[0-9]*\\.?[0-9]+")) {
                double s = Double.parseDouble(share);
                if (s <= 1) {
                    return new NegativeSampling(s);
                }
            }
        }
        throw new IllegalArgumentException("Invalid negative sampling: '" + label + "'" + expected);
    }

    /**
     * An item that is not a training positive of u (any item if u has them all), from
     * {@code rng}. The uniform sampling's draws are those of every earlier version, so default
     * runs keep their numbers; {@code pairItems} is the training pairs' item array.
     */
    int draw(Interactions train, int[] pairItems, int u, SplittableRandom rng) {
        int numItems = train.numItems();
        if (train.userDegree(u) >= numItems) {
            return rng.nextInt(numItems);
        }
        if (popularShare > 0) {
            // a user may hold every item that has interactions: after a run of rejections, uniform draws end it
            for (int t = 0; t < POPULAR_TRIES; t++) {
                int j = popularShare == 1 || rng.nextDouble() < popularShare
                        ? pairItems[rng.nextInt(pairItems.length)] : rng.nextInt(numItems);
                if (!train.contains(u, j)) {
                    return j;
                }
            }
        }
        while (true) {
            int j = rng.nextInt(numItems);
            if (!train.contains(u, j)) {
                return j;
            }
        }
    }
}
