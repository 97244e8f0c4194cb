package dev.unkd.eval;

/** What the cutoff metrics share: the validity of K and the hit count in the top K. */
final class Cutoffs {
    private Cutoffs() {
    }

    static void check(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k: " + k + " (must be at least 1)");
        }
    }

    /** Held-out items among the first min(k, length) positions. */
    static int hits(JudgedList list, int k) {
        int hits = 0;
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            if (list.relevant(r)) {
                hits++;
            }
        }
        return hits;
    }
}
