package dev.unkd.serve;

import dev.unkd.model.FactorScorer;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Approximate maximum-inner-product search over a model's item embeddings: the top-k items by
 * {@code u . q_i} for a user vector u without scoring the whole catalogue.
 *
 * <p>Reduction (Bachrach et al., "Speeding up the Xbox recommender system using a euclidean
 * transformation for inner-product spaces", RecSys 2014): with M the largest item norm, each item
 * becomes the unit vector {@code (q_i / M, sqrt(1 - |q_i|^2 / M^2))} and a query {@code (u / |u|, 0)};
 * then {@code x_u . x_i = (u . q_i) / (M |u|)}, a positive multiple of the inner product, so the
 * nearest unit vectors by cosine (equivalently by L2) are exactly the items of largest inner
 * product. The graph is JVector's (3.0, Java 11+): a single-layer proximity graph built with
 * DiskANN's robust pruning and searched best-first with a beam ({@code ef}); since all vectors
 * are unit length, its dot-product similarity is the cosine.
 *
 * <p>Excluded items (a user's training items, the request's) are rejected by the search's accept
 * filter, so it walks past them and keeps looking until it holds k acceptable items (searching
 * deeper rather than returning fewer). The k found are re-scored with the model's own float dot
 * product, summed in {@link FactorScorer}'s order, and ranked like the exact path (score
 * descending, ties to the lower index): answers differ from exact search only in which items the
 * graph found. Memory: one float[dim + 1] per item plus about M int neighbours per item.
 * Thread-safe for searches: each thread keeps its own searcher.
 */
public final class MipsIndex {
    private static final VectorTypeSupport VECTORS = VectorizationProvider.getInstance().getVectorTypeSupport();

    /**
     * Graph and search parameters.
     *
     * @param degree      neighbours per node (JVector's M); 0 picks by dimension: 16 up to dim 16, 32 above (on
     *                    isotropic random items of dim 32, degree 16 reached recall@20 0.70 at ef 100, degree 32 0.92)
     * @param buildBeam   beam width while inserting (construction ef)
     * @param searchBeam  candidates kept while searching (ef); at least k is used
     * @param threads     threads that build the graph
     */
    public record Settings(int degree, int buildBeam, int searchBeam, int threads) {
        public Settings {
            if ((degree != 0 && degree < 2) || buildBeam < 1 || searchBeam < 1 || threads < 1) {
                throw new IllegalArgumentException("Invalid index settings: degree " + degree + ", build beam " + buildBeam
                        + ", search beam " + searchBeam + ", threads " + threads);
            }
        }

        /** degree by dimension, build beam 100, search beam 100, every processor building. */
        public static Settings defaults() {
            return new Settings(0, 100, 100, Runtime.getRuntime().availableProcessors());
        }

        /** The degree used for items of {@code dim} dimensions. */
        public int degreeFor(int dim) {
            return degree > 0 ? degree : dim <= 16 ? 16 : 32;
        }

        public Settings withSearchBeam(int beam) {
            return new Settings(degree, buildBeam, beam, threads);
        }

        public Settings withThreads(int n) {
            return new Settings(degree, buildBeam, searchBeam, n);
        }
    }

    private final FactorScorer scorer;
    private final int dim;
    private final float[] items;
    private final ListRandomAccessVectorValues vectors;
    private final OnHeapGraphIndex graph;
    private final Settings settings;
    private final double buildSeconds;
    private final ThreadLocal<GraphSearcher> searchers;

    private MipsIndex(FactorScorer scorer, ListRandomAccessVectorValues vectors, OnHeapGraphIndex graph, Settings settings, double buildSeconds) {
        this.scorer = scorer;
        this.dim = scorer.dim();
        this.items = scorer.itemEmbeddings();
        this.vectors = vectors;
        this.graph = graph;
        this.settings = settings;
        this.buildSeconds = buildSeconds;
        this.searchers = ThreadLocal.withInitial(() -> new GraphSearcher(graph));
    }

    /** Builds the index over the scorer's item embeddings (LightGCN: the propagated ones). Cost: items x buildBeam x degree distance computations. */
    public static MipsIndex build(FactorScorer scorer, Settings settings) {
        long t0 = System.nanoTime();
        int dim = scorer.dim();
        int n = scorer.numItems();
        float[] q = scorer.itemEmbeddings();
        double maxNorm2 = 0;
        for (int i = 0; i < n; i++) {
            maxNorm2 = Math.max(maxNorm2, norm2(q, i * dim, dim));
        }
        double scale = maxNorm2 > 0 ? 1 / Math.sqrt(maxNorm2) : 1;
        List<VectorFloat<?>> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] x = new float[dim + 1];
            for (int d = 0; d < dim; d++) {
                x[d] = (float) (q[i * dim + d] * scale);
            }
            x[dim] = (float) Math.sqrt(Math.max(0, 1 - norm2(q, i * dim, dim) * scale * scale));
            list.add(VECTORS.createFloatVector(x));
        }
        ListRandomAccessVectorValues vectors = new ListRandomAccessVectorValues(list, dim + 1);
        BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(vectors, VectorSimilarityFunction.DOT_PRODUCT);
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        try (GraphIndexBuilder builder = new GraphIndexBuilder(scores, dim + 1, settings.degreeFor(dim), settings.buildBeam(), 1.2f, 1.2f, pool, pool)) {
            OnHeapGraphIndex graph = builder.build(vectors);
            return new MipsIndex(scorer, vectors, graph, settings, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // closing an in-memory builder does no I/O
        } finally {
            pool.shutdown();
        }
    }

    private static double norm2(float[] v, int from, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            s += (double) v[from + d] * v[from + d];
        }
        return s;
    }

    public int numItems() {
        return scorer.numItems();
    }

    /** The same graph searched with another beam width (ef), for tuning recall against latency. */
    public MipsIndex withSearchBeam(int beam) {
        return new MipsIndex(scorer, vectors, graph, settings.withSearchBeam(beam), buildSeconds);
    }

    public Settings settings() {
        return settings;
    }

    /** Wall-clock seconds the build took. */
    public double buildSeconds() {
        return buildSeconds;
    }

    /**
     * The (approximately) k best items for {@code user} by inner product, best first with their
     * model scores, never one of {@code excluded} (item indices in ascending order). Cost: about
     * searchBeam x degree similarity computations of dim + 1, independent of the catalogue size
     * but for the graph's depth.
     */
    public Recommendation search(float[] user, int k, int[] excluded) {
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k: " + k);
        }
        double norm = Math.sqrt(norm2(user, 0, dim));
        int[] found;
        if (norm == 0) {
            found = lowestIndices(k, excluded); // every item scores 0: the exact path's ties, lower indices first
        } else {
            float[] x = new float[dim + 1];
            for (int d = 0; d < dim; d++) {
                x[d] = (float) (user[d] / norm);
            }
            VectorFloat<?> query = VECTORS.createFloatVector(x);
            Bits accept = excluded.length == 0 ? Bits.ALL : i -> Arrays.binarySearch(excluded, i) < 0;
            int topK = Math.min(k, numItems());
            SearchResult result = searchers.get().search(SearchScoreProvider.exact(query, VectorSimilarityFunction.DOT_PRODUCT, vectors),
                    topK, Math.max(topK, settings.searchBeam()), 0f, 0f, accept);
            SearchResult.NodeScore[] nodes = result.getNodes();
            found = new int[nodes.length];
            for (int r = 0; r < nodes.length; r++) {
                found[r] = nodes[r].node;
            }
        }
        return ranked(user, found);
    }

    private int[] lowestIndices(int k, int[] excluded) {
        int[] out = new int[Math.min(k, numItems())];
        int n = 0;
        for (int i = 0; i < numItems() && n < out.length; i++) {
            if (Arrays.binarySearch(excluded, i) < 0) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The found items re-scored by the model's dot product (FactorScorer's summation order) and sorted like the exact path. */
    private Recommendation ranked(float[] user, int[] found) {
        int n = found.length;
        float[] score = new float[n];
        for (int r = 0; r < n; r++) {
            float s = 0;
            int base = found[r] * dim;
            for (int d = 0; d < dim; d++) {
                s += user[d] * items[base + d];
            }
            score[r] = s;
        }
        Integer[] order = new Integer[n];
        for (int r = 0; r < n; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> score[a] != score[b] ? Float.compare(score[b], score[a]) : Integer.compare(found[a], found[b]));
        int[] outItems = new int[n];
        float[] outScores = new float[n];
        for (int r = 0; r < n; r++) {
            outItems[r] = found[order[r]];
            outScores[r] = score[order[r]];
        }
        return new Recommendation(outItems, outScores, false);
    }
}
