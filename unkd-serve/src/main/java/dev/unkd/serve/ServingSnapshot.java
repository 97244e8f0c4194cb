package dev.unkd.serve;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.ModelFile;
import dev.unkd.model.ModelFileException;
import dev.unkd.model.Models;
import dev.unkd.model.MostPopular;
import dev.unkd.model.SavedModel;
import dev.unkd.model.Scorer;
import dev.unkd.recommend.Recommender;
import dev.unkd.recommend.UserFoldIn;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything one model version needs to answer requests, immutable once built: the id maps, the
 * scorer (propagated for graph models), the training interactions whose items are never
 * recommended again, the popularity fallback, and a cosine scorer over item embeddings when the
 * model has them, the fold-in of unknown users' histories (same condition) and, when the service
 * asked for one, the approximate inner-product index over the item embeddings. A request reads one snapshot for its whole life, so a reload that swaps in the
 * next snapshot never mixes two models inside one answer.
 */
public final class ServingSnapshot {
    private final String version;
    private final Path modelFile;
    private final String type;
    private final IdMap users;
    private final IdMap items;
    private final Scorer scorer;
    private final Interactions train;
    private final FactorScorer itemCosine;
    private final Recommender recommender;
    private final Recommender popularRecommender;
    private final Recommender similarItems;
    private final UserFoldIn foldIn;
    private final MipsIndex index;
    private final double indexRecall;
    private final long loadedAtMillis;

    /** Seed of the fold-in's negative sample: fixed, so a history folds in the same way on every model version. */
    private static final long FOLD_IN_SEED = 2022;

    ServingSnapshot(String version, Path modelFile, String type, Dataset data, Scorer scorer, MostPopular popular) {
        this(version, modelFile, type, data, scorer, popular, UserFoldIn.DEFAULT_DECAY);
    }

    ServingSnapshot(String version, Path modelFile, String type, Dataset data, Scorer scorer, MostPopular popular, double decay) {
        this.version = version;
        this.modelFile = modelFile;
        this.type = type;
        this.users = data.users();
        this.items = data.items();
        this.scorer = scorer;
        this.train = data.train();
        this.itemCosine = scorer instanceof FactorScorer f ? cosineScorer(f) : null;
        this.recommender = new Recommender(scorer, train);
        this.popularRecommender = Recommender.unfiltered(popular);
        this.similarItems = itemCosine == null ? null : Recommender.unfiltered(itemCosine);
        this.foldIn = scorer instanceof FactorScorer f ? new UserFoldIn(f, decay, UserFoldIn.DEFAULT_NEGATIVES, FOLD_IN_SEED) : null;
        this.index = null;
        this.indexRecall = Double.NaN;
        this.loadedAtMillis = System.currentTimeMillis();
    }

    /** The same model version with an index added, whose sampled recall was measured. */
    private ServingSnapshot(ServingSnapshot s, MipsIndex index, double indexRecall) {
        this.version = s.version;
        this.modelFile = s.modelFile;
        this.type = s.type;
        this.users = s.users;
        this.items = s.items;
        this.scorer = s.scorer;
        this.train = s.train;
        this.itemCosine = s.itemCosine;
        this.recommender = s.recommender;
        this.popularRecommender = s.popularRecommender;
        this.similarItems = s.similarItems;
        this.foldIn = s.foldIn;
        this.index = index;
        this.indexRecall = indexRecall;
        this.loadedAtMillis = System.currentTimeMillis();
    }

    /**
     * This snapshot with an approximate index over its item embeddings and the index's recall on
     * sampled users ({@link IndexRecall}); needs {@link #dim()} &gt; 0.
     */
    ServingSnapshot withIndex(MipsIndex.Settings settings) {
        if (!(scorer instanceof FactorScorer f)) {
            throw new IllegalArgumentException("model type '" + type + "' has no item embeddings to index");
        }
        MipsIndex built = MipsIndex.build(f, settings);
        return new ServingSnapshot(this, built, IndexRecall.sample(built, f, recommender, train));
    }

    /**
     * Reads a model file and prepares it for serving on {@code data} (the data it was trained
     * on: ids must match). Throws with a message naming the file when it cannot be served,
     * including when a table or the restored embeddings hold NaN or infinite values (they would
     * rank arbitrarily and serialise as invalid JSON); the service checks this itself, whether or
     * not the core's reader does.
     */
    public static ServingSnapshot load(Path modelFile, Dataset data, MostPopular popular) throws IOException {
        SavedModel saved = ModelFile.load(modelFile);
        saved.tables().forEach((name, table) -> requireFinite(modelFile, "table '" + name + "'", table.data(), table.dim()));
        Scorer scorer = Models.restore(saved, data, modelFile).scorer();
        if (scorer instanceof FactorScorer f) { // graph models: propagation of finite but huge values can still overflow
            requireFinite(modelFile, "restored user embeddings", f.userEmbeddings(), f.dim());
            requireFinite(modelFile, "restored item embeddings", f.itemEmbeddings(), f.dim());
        }
        Object decay = saved.provenance().get("decay"); // the training L2 weight, which the fold-in reuses
        return new ServingSnapshot(version(modelFile), modelFile, saved.type(), data, scorer, popular,
                decay instanceof Number d && Double.isFinite(d.doubleValue()) && d.doubleValue() >= 0 ? d.doubleValue() : UserFoldIn.DEFAULT_DECAY);
    }

    /** Throws naming the first NaN or infinite value's row; one pass over the floats. */
    private static void requireFinite(Path file, String what, float[] values, int dim) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new ModelFileException(file, what + " holds a non-finite value (" + values[k] + ") in row " + (k / Math.max(1, dim)));
            }
        }
    }

    /**
     * "file name@crc": the CRC32 that closes every model file (already verified by the load), so
     * the version names the content, not the path; re-reading an unchanged file keeps it.
     */
    static String version(Path modelFile) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(modelFile.toFile(), "r")) {
            f.seek(f.length() - 8);
            long crc = Long.reverseBytes(f.readLong()); // stored little-endian
            return modelFile.getFileName() + "@" + String.format("%08x", crc);
        }
    }

    /** Cosine similarity as a dot product of unit-length item rows, scored by the vectorised kernel. */
    private static FactorScorer cosineScorer(FactorScorer f) {
        int dim = f.dim();
        float[] unit = f.itemEmbeddings().clone();
        for (int i = 0; i < f.numItems(); i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += (double) unit[i * dim + d] * unit[i * dim + d];
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f; // a zero row is similar to nothing
            for (int d = 0; d < dim; d++) {
                unit[i * dim + d] *= scale;
            }
        }
        EmbeddingTable table = new EmbeddingTable(f.numItems(), dim, unit);
        return new FactorScorer(table, table);
    }

    public String version() {
        return version;
    }

    public Path modelFile() {
        return modelFile;
    }

    public String type() {
        return type;
    }

    public IdMap users() {
        return users;
    }

    public IdMap items() {
        return items;
    }

    public Scorer scorer() {
        return scorer;
    }

    public Interactions train() {
        return train;
    }

    /** Item-item cosine scorer (user index = item index), absent when the model has no item embeddings. */
    public Optional<FactorScorer> itemCosine() {
        return Optional.ofNullable(itemCosine);
    }

    /** Ranks the model's items for a user, the user's training items excluded. */
    public Recommender recommender() {
        return recommender;
    }

    /** Ranks items by training popularity, nothing excluded but what a request names (user index ignored). */
    public Recommender popularRecommender() {
        return popularRecommender;
    }

    /** Ranks items by cosine similarity to an item (the "user" index is the item), when the model has item embeddings. */
    public Optional<Recommender> similarItems() {
        return Optional.ofNullable(similarItems);
    }

    /**
     * Folds an unknown user's items into a user vector (BPR with the model's training L2 over the
     * item embeddings, LightGCN's propagated ones), absent when the model has no item embeddings.
     */
    public Optional<UserFoldIn> foldIn() {
        return Optional.ofNullable(foldIn);
    }

    /** Recall@20 of the index against exact search on sampled users (NaN without an index). */
    public double indexRecall() {
        return indexRecall;
    }

    /** The approximate inner-product index, when the service built one for this version. */
    public Optional<MipsIndex> index() {
        return Optional.ofNullable(index);
    }

    /** Embedding dimension, or 0 when the scorer has no embeddings. */
    public int dim() {
        return scorer instanceof FactorScorer f ? f.dim() : 0;
    }

    public long loadedAtMillis() {
        return loadedAtMillis;
    }
}
