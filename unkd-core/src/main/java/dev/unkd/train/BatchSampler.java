package dev.unkd.train;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws an epoch's batches in order from one stream: the shuffle of the training pairs (or, with
 * {@link PairSampling#USERS}, uniform users among those with training items and one of their
 * items), each with one negative ({@link NegativeSampling}). The draws depend on nothing but the stream, so the
 * trainer draws batch b + 1 while batch b's gradients are computed (on another thread when there
 * is one) into the other of two buffers; the batches, and so every result, stay those of drawing
 * them one after another.
 */
final class BatchSampler {
    private final Interactions train;
    private final int batchSize;
    private final int[] pairUsers;
    private final int[] pairItems;
    private final int[] order;
    private final NegativeSampling negativeSampling;
    /** Null with {@link PairSampling#INTERACTIONS}. */
    private final int[] activeUsers;
    private final int[][] users = new int[2][];
    private final int[][] positives = new int[2][];
    private final int[][] negatives = new int[2][];
    private final int[] sizes = new int[2];
    private SplittableRandom rng;

    BatchSampler(Interactions train, int batchSize, PairSampling sampling, NegativeSampling negativeSampling) {
        this.train = train;
        this.negativeSampling = negativeSampling;
        this.batchSize = batchSize;
        this.pairUsers = train.pairUsers();
        this.pairItems = train.userItemArray();
        this.order = new int[train.size()];
        this.activeUsers = sampling == PairSampling.USERS
                ? IntStream.range(0, train.numUsers()).filter(u -> train.userDegree(u) > 0).toArray() : null;
        for (int s = 0; s < 2; s++) {
            users[s] = new int[batchSize];
            positives[s] = new int[batchSize];
            negatives[s] = new int[batchSize];
        }
    }

    /** Batches of {@code batchSize} covering the training pairs once. */
    int batches() {
        return ChunkedExecutor.chunks(train.size(), batchSize);
    }

    /** Starts an epoch on {@code rng}: shuffles the pairs; every draw of the epoch continues the stream. */
    void startEpoch(SplittableRandom rng) {
        this.rng = rng;
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        for (int k = order.length - 1; k > 0; k--) {
            int r = rng.nextInt(k + 1);
            int t = order[k];
            order[k] = order[r];
            order[r] = t;
        }
    }

    /** Draws batch b into buffer b % 2; batches must be drawn in order. */
    void draw(int b) {
        int slot = b & 1;
        int from = b * batchSize;
        int size = Math.min(train.size(), from + batchSize) - from;
        int[] bu = users[slot];
        int[] bi = positives[slot];
        int[] bj = negatives[slot];
        for (int k = 0; k < size; k++) {
            if (activeUsers == null) {
                int pair = order[from + k];
                bu[k] = pairUsers[pair];
                bi[k] = pairItems[pair];
            } else {
                int u = activeUsers[rng.nextInt(activeUsers.length)];
                bu[k] = u;
                bi[k] = pairItems[train.userStart(u) + rng.nextInt(train.userDegree(u))];
            }
            bj[k] = negativeSampling.draw(train, pairItems, bu[k], rng);
        }
        sizes[slot] = size;
    }

    /** Batch b of the epoch, drawn before by {@link #draw}; valid until batch b + 2 is drawn. */
    Batch batch(int epoch, int b) {
        int slot = b & 1;
        return new Batch(epoch, b, sizes[slot], users[slot], positives[slot], negatives[slot]);
    }
}
