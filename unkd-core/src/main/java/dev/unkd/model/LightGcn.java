package dev.unkd.model;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * LightGCN (He et al., "LightGCN: Simplifying and Powering Graph Convolution Network for
 * Recommendation", SIGIR 2020): layer-0 embeddings E(0) = [P; Q] are propagated over the
 * normalised user-item graph, E(k+1) = Â E(k), and a user or item is represented by the mean of
 * its layers, E = (E(0) + ... + E(L)) / (L + 1); score(u, i) = &lt;e_u, e_i&gt;. Only the layer-0
 * tables are parameters. Normal(0, 0.1) init and L = 2 as in the authors' code (METHOD.md section 3).
 *
 * <p>The propagation is linear, so the mean of the layers is evaluated in Horner form,
 * E = c (E(0) + Â (E(0) + Â (... E(0)))) with c = 1 / (L + 1): L sparse products and no stored
 * layers. The backward pass is the same recursion with the transpose, grad E(0) =
 * c (G + Âᵀ (G + Âᵀ (... G))) for the gradient G of the final embeddings; Â is symmetric, so Âᵀ
 * differs from Â only by the dropped entries when edge dropout is on, and the first backward step
 * skips the rows of G the batch did not touch.
 *
 * <p>Training forward passes may drop edges ({@link EdgeDropout}); inference ({@link #scorer()},
 * {@link #propagate()}) never does. Not thread-safe: one trainer drives a model.
 */
public final class LightGcn implements LayeredModel {
    public static final String TYPE = "lightgcn";
    /** The authors' default number of layers. */
    public static final int DEFAULT_LAYERS = 2;
    /** Standard deviation of the Normal init of the layer-0 tables in the authors' code. */
    public static final double INIT_STD = 0.1;

    private final NormalizedAdjacency graph;
    private final EmbeddingTable users;
    private final EmbeddingTable items;
    private final int layers;
    private final EdgeDropout dropout;
    private final ChunkedExecutor executor;
    private final float meanScale;

    private long passSeedBase;
    private long passCount;
    /** The mask of the last training forward pass (null without dropout), reused by backward. */
    private EdgeDropout.Mask lastMask;

    // Buffers reused across batches, allocated on the first training pass.
    private Embeddings finalEmbeddings;
    private Embeddings[] scratch;
    private EmbeddingGradients gradients;
    private Embeddings gradientTables;
    private NormalizedAdjacency.Active gradientActive;
    private NormalizedAdjacency.Active[] hopActive;

    /**
     * A model over an existing graph and layer-0 tables (the tables are used, not copied).
     *
     * @param graph Â of the training interactions
     * @param layers number of propagation layers L &gt;= 0 (0 is matrix factorisation)
     * @param dropout edge dropout of training forward passes ({@link EdgeDropout#NONE} for none)
     */
    public LightGcn(NormalizedAdjacency graph, EmbeddingTable users, EmbeddingTable items, int layers, EdgeDropout dropout,
            ChunkedExecutor executor) {
        if (layers < 0) {
            throw new IllegalArgumentException("Invalid number of layers: " + layers);
        }
        if (users.dim() != items.dim()) {
            throw new IllegalArgumentException("user dim " + users.dim() + " != item dim " + items.dim());
        }
        if (users.rows() != graph.numUsers() || items.rows() != graph.numItems()) {
            throw new IllegalArgumentException("tables are " + users.rows() + " users x " + items.rows() + " items, graph has "
                    + graph.numUsers() + " x " + graph.numItems());
        }
        this.graph = graph;
        this.users = users;
        this.items = items;
        this.layers = layers;
        this.dropout = dropout;
        this.executor = executor;
        this.meanScale = 1f / (layers + 1);
        this.passSeedBase = dropout.seed();
    }

    /**
     * A fresh model: Normal(0, 0.1) layer-0 tables for the users and items of {@code train}.
     *
     * @param keepProbability edge keep probability of training passes (1 for no dropout, the default)
     */
    public static LightGcn initialise(Interactions train, int dim, int layers, double keepProbability, SplittableRandom rng,
            ChunkedExecutor executor) {
        if (dim < 1) {
            throw new IllegalArgumentException("Invalid dimension: " + dim);
        }
        EmbeddingTable u = EmbeddingTable.normal(train.numUsers(), dim, INIT_STD, rng);
        EmbeddingTable i = EmbeddingTable.normal(train.numItems(), dim, INIT_STD, rng);
        EdgeDropout dropout = new EdgeDropout(keepProbability, rng.nextLong());
        return new LightGcn(NormalizedAdjacency.of(train), u, i, layers, dropout, executor);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int dim() {
        return users.dim();
    }

    @Override
    public int layers() {
        return layers;
    }

    public EdgeDropout dropout() {
        return dropout;
    }

    public NormalizedAdjacency graph() {
        return graph;
    }

    @Override
    public EmbeddingTable userTable() {
        return users;
    }

    @Override
    public EmbeddingTable itemTable() {
        return items;
    }

    /**
     * Makes the edge-dropout masks of the following training passes depend on {@code seed} only:
     * pass k after this call uses seed derive(seed, k). Without a call, passes are numbered from the
     * dropout seed at construction. Has no effect without dropout.
     */
    public void setForwardSeed(long seed) {
        passSeedBase = seed;
        passCount = 0;
    }

    /**
     * The final embeddings of a training pass (edges dropped if dropout is on). The returned tables
     * are buffers of this model, overwritten by the next call. Cost: L sparse products, about
     * 2 L |train| dim multiply-adds.
     */
    @Override
    public Embeddings forward() {
        allocateTrainingBuffers();
        lastMask = dropout.mask(Seeds.derive(passSeedBase, passCount++), graph.numNodes());
        propagateInto(finalEmbeddings, scratch, lastMask);
        return finalEmbeddings;
    }

    /**
     * Gradients on the layer-0 tables from gradients on the final embeddings of the last
     * {@link #forward()}. The result is owned by this model and overwritten by the next call; its
     * touched rows are those within L hops of a touched row of {@code finalGradients} (the only
     * rows that can be non-zero), every other row is zero. Cost: as a forward pass, less the rows
     * the first step skips.
     */
    @Override
    public EmbeddingGradients backward(EmbeddingGradients finalGradients) {
        allocateTrainingBuffers();
        if (finalGradients.dim() != dim() || finalGradients.user().length != users.data().length
                || finalGradients.item().length != items.data().length) {
            throw new IllegalArgumentException("gradients do not match the model's tables");
        }
        Embeddings g = new Embeddings(new EmbeddingTable(users.rows(), dim(), finalGradients.user()),
                new EmbeddingTable(items.rows(), dim(), finalGradients.item()));
        mark(gradientActive.users(), finalGradients.touchedUsers());
        mark(gradientActive.items(), finalGradients.touchedItems());
        EdgeDropout.Mask mask = lastMask == null ? null : lastMask.transpose();
        // Every row of the gradient tables is overwritten below (rows out of reach get exact
        // zeros), so forgetting the touched rows is enough to clear them.
        gradients.touchedUsers().clear();
        gradients.touchedItems().clear();
        NormalizedAdjacency.Active active = gradientActive;
        if (layers == 0) {
            scaleInto(g, gradientTables);
        } else {
            Embeddings src = g;
            for (int h = 1; h <= layers; h++) {
                boolean last = h == layers;
                Embeddings dst = last ? gradientTables : scratch[(h - 1) % 2];
                NormalizedAdjacency.Active dstActive = hopActive[(h - 1) % 2];
                graph.hop(src, g, dst, last ? meanScale : 1f, mask, active, gradientActive, dstActive, executor);
                src = dst;
                active = dstActive;
            }
        }
        touch(gradients.touchedUsers(), active.users());
        touch(gradients.touchedItems(), active.items());
        return gradients;
    }

    /** Final embeddings of the current parameters without dropout, in new tables (for scoring and export). */
    public Embeddings propagate() {
        Embeddings out = newEmbeddings();
        Embeddings[] tmp = new Embeddings[scratchCount()];
        for (int k = 0; k < tmp.length; k++) {
            tmp[k] = newEmbeddings();
        }
        propagateInto(out, tmp, null);
        return out;
    }

    /** Scores with the propagated embeddings of the current parameters, computed once here. */
    @Override
    public Scorer scorer() {
        return propagate().scorer();
    }

    /** out = c (E0 + M (E0 + M (... E0))) with L products, ping-ponging between the two scratch buffers. */
    private void propagateInto(Embeddings out, Embeddings[] tmp, EdgeDropout.Mask mask) {
        Embeddings e0 = new Embeddings(users, items);
        if (layers == 0) {
            scaleInto(e0, out);
            return;
        }
        Embeddings src = e0;
        for (int h = 1; h <= layers; h++) {
            boolean last = h == layers;
            Embeddings dst = last ? out : tmp[(h - 1) % 2];
            graph.hop(src, e0, dst, last ? meanScale : 1f, mask, null, null, null, executor);
            src = dst;
        }
    }

    private void scaleInto(Embeddings src, Embeddings dst) {
        scale(src.users().data(), dst.users().data());
        scale(src.items().data(), dst.items().data());
    }

    private void scale(float[] src, float[] dst) {
        for (int k = 0; k < src.length; k++) {
            dst[k] = meanScale * src[k];
        }
    }

    private static void mark(boolean[] flags, RowSet rows) {
        Arrays.fill(flags, false);
        for (int k = 0; k < rows.size(); k++) {
            flags[rows.get(k)] = true;
        }
    }

    private static void touch(RowSet rows, boolean[] flags) {
        for (int r = 0; r < flags.length; r++) {
            if (flags[r]) {
                rows.add(r);
            }
        }
    }

    /** Intermediate results of L products: none for L &lt;= 1, one for L = 2, two to ping-pong for more. */
    private int scratchCount() {
        return Math.max(0, Math.min(layers - 1, 2));
    }

    private Embeddings newEmbeddings() {
        return new Embeddings(new EmbeddingTable(users.rows(), dim()), new EmbeddingTable(items.rows(), dim()));
    }

    private void allocateTrainingBuffers() {
        if (finalEmbeddings != null) {
            return;
        }
        finalEmbeddings = newEmbeddings();
        scratch = new Embeddings[scratchCount()];
        for (int k = 0; k < scratch.length; k++) {
            scratch[k] = newEmbeddings();
        }
        gradients = new EmbeddingGradients(users.rows(), items.rows(), dim());
        gradientTables = new Embeddings(new EmbeddingTable(users.rows(), dim(), gradients.user()),
                new EmbeddingTable(items.rows(), dim(), gradients.item()));
        gradientActive = new NormalizedAdjacency.Active(users.rows(), items.rows());
        hopActive = new NormalizedAdjacency.Active[] {new NormalizedAdjacency.Active(users.rows(), items.rows()),
                new NormalizedAdjacency.Active(users.rows(), items.rows())};
    }
}
