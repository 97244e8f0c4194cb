package dev.unkd.model;

import dev.unkd.parallel.Seeds;

/**
 * Edge dropout of LightGCN training (He et al., SIGIR 2020; the authors' code drops entries of the
 * normalised adjacency at random in every training forward pass and divides the kept values by
 * the keep probability, so the dropped matrix equals Â in expectation). Off by default.
 *
 * <p>As in the authors' code, the two stored entries Â[u][i] and Â[i][u] of an edge are dropped
 * independently, so the dropped matrix is not symmetric and the backward pass multiplies by its
 * transpose. Whether an entry is kept is a hash of (pass seed, row node, column node) rather than
 * a stored mask: no memory per edge, the same answer for the forward and the backward pass and
 * for any thread count, and the transpose is just the hash with row and column swapped.
 *
 * @param keepProbability probability that an entry is kept, in (0, 1]; 1 turns dropout off
 * @param seed base seed of the per-pass masks
 */
public record EdgeDropout(double keepProbability, long seed) {
    /** No dropout. */
    public static final EdgeDropout NONE = new EdgeDropout(1.0, 0);

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    public EdgeDropout {
        if (!(keepProbability > 0 && keepProbability <= 1)) {
            throw new IllegalArgumentException("Invalid edge keep probability: " + keepProbability + " (must be in (0, 1])");
        }
    }

    public boolean active() {
        return keepProbability < 1;
    }

    /** The mask of one forward pass, or null when dropout is off. */
    Mask mask(long passSeed, int numNodes) {
        if (!active()) {
            return null;
        }
        return new Mask(passSeed, (long) (keepProbability * (1L << 53)), (float) (1 / keepProbability), numNodes, false);
    }

    /**
     * Which entries of Â survive in one pass. Entry (row, col) is kept iff the top 53 bits of a
     * SplitMix64 hash of its index fall below keep * 2^53; the transposed view looks up (col, row).
     *
     * @param invKeep 1 / keep, the rescaling of kept entries
     */
    record Mask(long passSeed, long threshold, float invKeep, long numNodes, boolean transposed) {
        /** The same pass seen as the mask of the transposed matrix (for the backward pass). */
        Mask transpose() {
            return new Mask(passSeed, threshold, invKeep, numNodes, !transposed);
        }

        /** Whether entry (rowNode, colNode) of the (possibly transposed) matrix is kept. Cost: one 64-bit hash. */
        boolean keeps(int rowNode, int colNode) {
            long entry = transposed ? colNode * numNodes + rowNode : rowNode * numNodes + colNode;
            return (Seeds.mix(passSeed + entry * GOLDEN_GAMMA) >>> 11) < threshold;
        }
    }
}
