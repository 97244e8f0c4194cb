package dev.unkd.distill;

/**
 * The unit in which unkd-plus's exposure controller applies its group penalties to a user's
 * cross-group targets.
 */
public enum PenaltyUnit {
    /**
     * The spread of the teacher's scores pooled over the reference users: every user's targets
     * move by the same score offset. Users whose teacher scores are flat then have their targets
     * turned over to the penalised groups' rivals entirely while users with a wide spread hardly
     * move, so the tail slots the controller buys land on a few users (docs/UNKD-PLUS.md).
     */
    POOLED,
    /**
     * Each user's own spread: the offset of a user's targets is the penalty times the standard
     * deviation of the teacher's scores over that user's cross-group set, divided by the pooled
     * spread, so every user's targets move by the same number of their own standard deviations.
     */
    USER
}
