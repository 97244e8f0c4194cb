package dev.unkd.serve;

import dev.unkd.model.FactorScorer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the service finds a user's top-k items: {@link #EXACT} scores every item (the core's
 * {@code Recommender}, exact), {@link #HNSW} searches a {@link MipsIndex} graph over the item
 * embeddings (approximate), {@link #AUTO} (the default) is exact below {@link #AUTO_MIN_ITEMS}
 * items and the index from there on, when the model has item embeddings.
 */
public enum IndexChoice {
    EXACT, HNSW, AUTO;

    private static final Logger LOG = LoggerFactory.getLogger(IndexChoice.class);

    /**
     * Catalogue size from which {@link #AUTO} builds an index. Below it exact search is fast
     * enough (docs/BENCHMARKS.md, "Serving at catalogue scale": exact p99 stays under 1 ms at dim
     * 10 up to about this size on the 2-core machine: 0.82 / 1.0 ms p50 / p99 at 250k items) and costs no build time or memory, and it is
     * always right; above it the full scan grows linearly while the graph search does not.
     */
    public static final int AUTO_MIN_ITEMS = 200_000;

    /**
     * Least recall@20 against exact search, on a sample of the model's own users
     * ({@link IndexRecall}), for which {@link #AUTO} keeps the index it built; below it AUTO serves
     * exact search (slower, but right). Recall depends on the embeddings: trained dim-100 models
     * reach 0.96-0.98 at ef 100, isotropic random dim-64 items 0.03-0.19 (docs/BENCHMARKS.md).
     */
    public static final double AUTO_MIN_RECALL = 0.95;

    /** The command-line name: "exact", "hnsw", "auto". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label; anything else is an IllegalArgumentException listing the choices. */
    public static IndexChoice parse(String label) {
        for (IndexChoice c : values()) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Invalid --index: '" + label + "' (expected exact, hnsw or auto)");
    }

    /**
     * The snapshot as this choice serves it: EXACT as it is; HNSW with an index (a model without
     * item embeddings throws: the caller reports it at start-up or refuses the reload), logging its
     * sampled recall and warning when that is below {@link #AUTO_MIN_RECALL}; AUTO with an index
     * from {@link #AUTO_MIN_ITEMS} items on when the model has item embeddings and the index's
     * sampled recall reaches {@link #AUTO_MIN_RECALL}, otherwise as it is.
     */
    ServingSnapshot prepare(ServingSnapshot s, MipsIndex.Settings settings) {
        return prepare(s, settings, AUTO_MIN_ITEMS);
    }

    /** {@link #prepare(ServingSnapshot, MipsIndex.Settings)} with AUTO's catalogue threshold given (tests use small ones). */
    ServingSnapshot prepare(ServingSnapshot s, MipsIndex.Settings settings, int autoMinItems) {
        boolean embeddings = s.scorer() instanceof FactorScorer;
        if (this == EXACT || (this == AUTO && (!embeddings || s.items().size() < autoMinItems))) {
            return s;
        }
        if (!embeddings) {
            throw new IllegalArgumentException("--index hnsw needs item embeddings, and a model of type '" + s.type()
                    + "' has none (use --index exact)");
        }
        ServingSnapshot indexed = s.withIndex(settings);
        double recall = indexed.indexRecall();
        String measured = String.format(Locale.ROOT, "index of %s: built in %.1f s, recall@%d %.3f against exact search on %d sampled users (ef %d)",
                s.version(), indexed.index().orElseThrow().buildSeconds(), IndexRecall.K, recall,
                Math.min(IndexRecall.SAMPLE_USERS, s.users().size()), settings.searchBeam());
        if (recall >= AUTO_MIN_RECALL) {
            LOG.info(measured);
            return indexed;
        }
        if (this == HNSW) {
            LOG.warn("{}: below {}; raise --ef or use --index exact", measured, AUTO_MIN_RECALL);
            return indexed;
        }
        LOG.warn("{}: below {}, so --index auto serves exact search", measured, AUTO_MIN_RECALL);
        return s;
    }
}
