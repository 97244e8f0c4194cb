package dev.unkd.distill;

/**
 * Where UnKD puts items with no training interaction (1,302 of them on the CiteULike split).
 */
public enum ZeroPopularityItems {
    /**
     * In no group, so never sampled: the authors' {@code dataloader.splitGroup} only walks items
     * that occur in the training list (default, for reproduction).
     */
    EXCLUDED,
    /** In the last (long-tail) group, so the student also learns the teacher's order among them. */
    LAST_GROUP
}
