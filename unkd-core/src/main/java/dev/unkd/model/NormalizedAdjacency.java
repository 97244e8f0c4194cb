package dev.unkd.model;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The symmetric normalised adjacency Â = D^-1/2 A D^-1/2 of the user-item bipartite graph over
 * n users + m items, the propagation matrix of LightGCN (He et al., "LightGCN: Simplifying and
 * Powering Graph Convolution Network for Recommendation", SIGIR 2020, eq. 7). Node ids: users
 * 0..n-1, items n..n+m-1. No self loops; a node without training interactions has an all-zero
 * row and column.
 *
 * <p>Storage is CSR without a copy of the edges: the user rows of A are exactly the training
 * {@link Interactions} by user and the item rows exactly its transposed CSR, so this class keeps
 * references to those column arrays, its own row pointers, and the entry values in factored form
 * Â[r][c] = s_r * s_c with s = 1/sqrt(degree) (0 for degree 0). Extra memory is
 * O(n + m), on top of the 8 bytes per interaction the {@code Interactions} already hold; nothing
 * is ever dense.
 *
 * <p>Products run over fixed chunks of rows (cut by edge count, so a chunk of popular items and a
 * chunk of cold users cost about the same); every output row is computed by one task, summing its
 * neighbours in CSR order, so results are bit-for-bit the same for any thread count.
 */
public final class NormalizedAdjacency {
    /** Work per chunk, in edges (+1 per row): about 2 x 10^5 multiply-adds at dim 100. */
    private static final int CHUNK_COST = 2048;

    private final int numUsers;
    private final int numItems;
    private final int[] userPtr;
    private final int[] userCols;
    private final int[] itemPtr;
    private final int[] itemCols;
    private final float[] userScale;
    private final float[] itemScale;
    private final int[] userChunks;
    private final int[] itemChunks;

    private NormalizedAdjacency(Interactions train) {
        this.numUsers = train.numUsers();
        this.numItems = train.numItems();
        this.userPtr = new int[numUsers + 1];
        this.itemPtr = new int[numItems + 1];
        this.userScale = new float[numUsers];
        this.itemScale = new float[numItems];
        for (int u = 0; u < numUsers; u++) {
            userPtr[u + 1] = train.userEnd(u);
            userScale[u] = inverseSqrt(train.userDegree(u));
        }
        for (int i = 0; i < numItems; i++) {
            itemPtr[i + 1] = train.itemEnd(i);
            itemScale[i] = inverseSqrt(train.itemDegree(i));
        }
        this.userCols = train.userItemArray();
        this.itemCols = train.itemUserArray();
        this.userChunks = plan(numUsers, u -> userPtr[u + 1] - userPtr[u]);
        this.itemChunks = plan(numItems, i -> itemPtr[i + 1] - itemPtr[i]);
    }

    /** Â of a training graph. Cost: O(users + items) time and memory (the edges are shared). */
    public static NormalizedAdjacency of(Interactions train) {
        return new NormalizedAdjacency(train);
    }

    private static float inverseSqrt(int degree) {
        return degree == 0 ? 0f : (float) (1 / Math.sqrt(degree));
    }

    /** Row boundaries of chunks of about CHUNK_COST edges each: fixed by the graph alone. */
    private static int[] plan(int rows, IntUnaryOperator degree) {
        int[] bounds = new int[rows / 16 + 2];
        int n = 0;
        long cost = 0;
        for (int r = 0; r < rows; r++) {
            cost += degree.applyAsInt(r) + 1;
            if (cost >= CHUNK_COST && r + 1 < rows) {
                if (n + 2 >= bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[++n] = r + 1;
                cost = 0;
            }
        }
        bounds[++n] = rows;
        return Arrays.copyOf(bounds, n + 1);
    }

    public int numUsers() {
        return numUsers;
    }

    public int numItems() {
        return numItems;
    }

    /** n + m. */
    public int numNodes() {
        return numUsers + numItems;
    }

    /** Stored non-zero entries: two per training interaction. */
    public long nonZeros() {
        return 2L * userCols.length;
    }

    /** Â[u][n + i] = Â[n + i][u]: 1/sqrt(d_u d_i) for a training pair, else 0. */
    public double weight(int user, int item) {
        if (Arrays.binarySearch(userCols, userPtr[user], userPtr[user + 1], item) < 0) {
            return 0;
        }
        return (double) userScale[user] * itemScale[item];
    }

    /** {@code out = Â x}, both over the n + m nodes (users then items). */
    public void multiply(Embeddings x, Embeddings out, ChunkedExecutor executor) {
        check(x);
        check(out);
        if (x.users().data() == out.users().data() || x.items().data() == out.items().data()) {
            throw new IllegalArgumentException("out must not share storage with x");
        }
        hop(x, null, out, 1f, null, null, null, null, executor);
    }

    private void check(Embeddings e) {
        if (e.users().rows() != numUsers || e.items().rows() != numItems) {
            throw new IllegalArgumentException("embeddings are " + e.users().rows() + " users x " + e.items().rows()
                    + " items, graph has " + numUsers + " x " + numItems);
        }
    }

    /**
     * Rows of the graph that may be non-zero in a sparse operand; {@code null} in place of a
     * {@code Active} means every row.
     */
    record Active(boolean[] users, boolean[] items) {
        Active(int numUsers, int numItems) {
            this(new boolean[numUsers], new boolean[numItems]);
        }
    }

    /**
     * One propagation step, {@code dst = scale * (base + M src)} ({@code base} null for zero),
     * where M is Â, or Â with the entries the mask drops removed and the kept ones divided by the
     * keep probability (the mask may be the transposed view of a forward mask). {@code dst} must
     * not share storage with {@code src}.
     *
     * <p>When {@code srcActive} is given, rows of src it does not mark must be zero and are
     * skipped (the first backward step starts from the batch's few gradient rows); {@code dstActive}
     * then receives the rows of dst that may be non-zero: those marked in {@code baseActive} or
     * with a marked neighbour.
     *
     * <p>Cost: dim multiply-adds per (kept, active) stored entry plus 2 dim per row; the source
     * rows are gathered at random, so the speed is that of the cache holding src.
     */
    void hop(Embeddings src, Embeddings base, Embeddings dst, float scale, EdgeDropout.Mask mask, Active srcActive,
            Active baseActive, Active dstActive, ChunkedExecutor executor) {
        int dim = src.dim();
        int uc = userChunks.length - 1;
        int ic = itemChunks.length - 1;
        executor.run(uc + ic, c -> {
            if (c < uc) {
                rows(userChunks[c], userChunks[c + 1], 0, numUsers, userPtr, userCols, userScale, itemScale,
                        src.items().data(), base == null ? null : base.users().data(), dst.users().data(), dim, scale, mask,
                        srcActive == null ? null : srcActive.items(), baseActive == null ? null : baseActive.users(),
                        dstActive == null ? null : dstActive.users());
            } else {
                int k = c - uc;
                rows(itemChunks[k], itemChunks[k + 1], numUsers, 0, itemPtr, itemCols, itemScale, userScale,
                        src.users().data(), base == null ? null : base.items().data(), dst.items().data(), dim, scale, mask,
                        srcActive == null ? null : srcActive.users(), baseActive == null ? null : baseActive.items(),
                        dstActive == null ? null : dstActive.items());
            }
        });
    }

    /**
     * The kernel: rows [r0, r1) of one side. Each row accumulates s_c * src[c] over its kept
     * neighbours c in a row buffer, then is finished as scale * (base + s_r / keep * sum), since
     * every kept entry of the row shares the factor s_r / keep.
     *
     * <p>Why the copy of each source row into {@code gathered}: HotSpot 17 vectorises
     * {@code acc[d] += w * x[d]} only when both arrays are indexed alike; with a source offset
     * that differs from the destination's it cannot rule out overlap and runs the loop scalar.
     * The copy is an intrinsic (a few vector moves) and the axpy then runs on vector registers:
     * 1.9 ms instead of 4.0 ms for one side of CiteULike's graph at dim 100, one thread. Row
     * results leave through the same buffer, so the finishing loop is vectorised too.
     */
    private static void rows(int r0, int r1, int rowNodeOffset, int colNodeOffset, int[] ptr, int[] cols,
            float[] rowScale, float[] colScale, float[] src, float[] base, float[] dst, int dim, float scale,
            EdgeDropout.Mask mask, boolean[] srcActive, boolean[] baseActive, boolean[] dstActive) {
        float invKeep = mask == null ? 1f : mask.invKeep();
        float[] acc = new float[dim];
        float[] gathered = new float[dim];
        for (int r = r0; r < r1; r++) {
            Arrays.fill(acc, 0f);
            boolean any = false;
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                int c = cols[k];
                if (srcActive != null && !srcActive[c]) {
                    continue;
                }
                any = true;
                if (mask != null && !mask.keeps(r + rowNodeOffset, c + colNodeOffset)) {
                    continue;
                }
                float w = colScale[c];
                System.arraycopy(src, c * dim, gathered, 0, dim);
                for (int d = 0; d < dim; d++) {
                    acc[d] += w * gathered[d];
                }
            }
            int out = r * dim;
            float s = rowScale[r] * invKeep;
            if (base == null) {
                for (int d = 0; d < dim; d++) {
                    acc[d] = scale * (s * acc[d]);
                }
            } else {
                System.arraycopy(base, out, gathered, 0, dim); // same-index loop again, see above
                for (int d = 0; d < dim; d++) {
                    acc[d] = scale * (gathered[d] + s * acc[d]);
                }
            }
            System.arraycopy(acc, 0, dst, out, dim);
            if (dstActive != null) {
                dstActive[r] = any || baseActive[r];
            }
        }
    }
}
