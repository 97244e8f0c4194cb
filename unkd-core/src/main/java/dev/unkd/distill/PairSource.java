package dev.unkd.distill;

import dev.unkd.parallel.ChunkedExecutor;

/**
 * Where UnKD takes an epoch's pairs from: drawn in this process from the teacher's lists
 * ({@link GroupPairSampler}), or read from shards drawn elsewhere with the same law and seed
 * scheme ({@link PairShards}, written by {@code unkd spark unkd-pairs}). Both give the same
 * pairs for the same training seed, so a student does not depend on where they were drawn.
 */
public interface PairSource {
    /**
     * The pairs of a training epoch.
     *
     * @param epoch the trainer's epoch, 1-based
     * @param epochSeed the seed the trainer gives that epoch ({@code EpochContext.seed()})
     */
    RankedPairs pairs(int epoch, long epochSeed, ChunkedExecutor executor);

    /** Pairs per popularity group and user per epoch. */
    int[] pairsPerGroup();
}
