package dev.unkd.serve;

import dev.unkd.model.FactorScorer;
import java.util.Locale;

/**
 * How the service finds a user's top-k items: {@link #EXACT} scores every item (the core's
 * {@code Recommender}, exact), {@link #HNSW} searches a {@link MipsIndex} graph over the item
 * embeddings (approximate), {@link #AUTO} (the default) is exact below {@link #AUTO_MIN_ITEMS}
 * items and the index from there on, when the model has item embeddings.
 */
public enum IndexChoice {
    EXACT, HNSW, AUTO;

    /**
     * Catalogue size from which {@link #AUTO} builds an index. Below it exact search is fast
     * enough (docs/BENCHMARKS.md, "Serving at catalogue scale": exact p99 stays under 1 ms at dim
     * 10 up to about this size on the 2-core machine: 0.82 / 1.0 ms p50 / p99 at 250k items) and costs no build time or memory, and it is
     * always right; above it the full scan grows linearly while the graph search does not.
     */
    public static final int AUTO_MIN_ITEMS = 200_000;

    /**
     * Largest embedding dimension for which {@link #AUTO} builds an index: the graph's recall was
     * measured at dim 10 (0.997 at 1M items, ef 100) but fell to 0.05-0.30 at dim 64 on isotropic
     * synthetic items (250k items, ef 100-400); beyond it the operator asks for {@link #HNSW} after
     * checking recall on the model's own embeddings.
     */
    public static final int AUTO_MAX_DIM = 16;

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
     * Whether a snapshot gets an index. HNSW on a model without item embeddings throws (the
     * caller reports it at start-up or refuses the reload); AUTO then stays exact.
     */
    boolean wantsIndex(ServingSnapshot s) {
        boolean embeddings = s.scorer() instanceof FactorScorer;
        return switch (this) {
            case EXACT -> false;
            case HNSW -> {
                if (!embeddings) {
                    throw new IllegalArgumentException("--index hnsw needs item embeddings, and a model of type '" + s.type()
                            + "' has none (use --index exact)");
                }
                yield true;
            }
            case AUTO -> embeddings && s.items().size() >= AUTO_MIN_ITEMS && s.dim() <= AUTO_MAX_DIM;
        };
    }
}
