package dev.unkd.serve;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.eval.TopK;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.MostPopular;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The serving logic without HTTP: holds the current {@link ServingSnapshot}, ranks items for a
 * user (training items and requested items excluded), ranks items similar to an item, and swaps
 * in a reloaded model atomically. Callers take {@link #snapshot()} once per request and pass it
 * to every call, so ids and scores of one answer always come from one model.
 *
 * <p>Cost of one ranking: a full scoring pass ({@code dim x items} multiply-adds) into a per-thread
 * buffer, then a bounded-heap selection (O(items log k)); nothing is allocated but the result.
 */
public final class RecommendationService {
    /** Reads a model file into a snapshot for the data being served. */
    @FunctionalInterface
    public interface SnapshotLoader {
        ServingSnapshot load(Path modelFile) throws IOException;
    }

    /** Users scored together by {@link #recommendMany}: 8 rows of 25k items are 800 KB per thread. */
    static final int BLOCK = 8;

    private final AtomicReference<ServingSnapshot> current;
    private final SnapshotLoader loader;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();

    public RecommendationService(ServingSnapshot initial, SnapshotLoader loader) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
        this.loader = Objects.requireNonNull(loader);
    }

    /** Loads {@code modelFile} for {@code data}; later reloads must fit the same data. */
    public static RecommendationService open(Path modelFile, Dataset data) throws IOException {
        MostPopular popular = new MostPopular(data.train()); // depends on the data only: shared by every model version
        SnapshotLoader loader = file -> ServingSnapshot.load(file, data, popular);
        return new RecommendationService(loader.load(modelFile), loader);
    }

    public ServingSnapshot snapshot() {
        return current.get();
    }

    /**
     * Loads a model file and, only if that succeeds, makes it the one served. A file that cannot
     * be read or does not fit the data throws and leaves the current model serving. Reloads are
     * serialised so two of them cannot finish in the opposite order of their start.
     */
    public synchronized ServingSnapshot reload(Path modelFile) throws IOException {
        ServingSnapshot next;
        try {
            next = loader.load(modelFile);
        } catch (IOException | RuntimeException e) {
            failedReloads.incrementAndGet();
            throw e;
        }
        current.set(next);
        reloads.incrementAndGet();
        return next;
    }

    /** Re-reads the file of the model being served (after it was replaced on disk). */
    public ServingSnapshot reload() throws IOException {
        return reload(snapshot().modelFile());
    }

    public long reloads() {
        return reloads.get();
    }

    public long failedReloads() {
        return failedReloads.get();
    }

    /** The k best items for a known user (dense index), excluding the user's training items and {@code exclude}. */
    public Recommendation recommend(ServingSnapshot s, int user, int k, int[] exclude) {
        int n = s.scorer().numItems();
        ScoreBuffers buffers = ScoreBuffers.forThisThread();
        float[] scores = buffers.scores(n);
        s.scorer().scoreAll(user, scores);
        excludeSeen(s.train(), user, scores);
        return select(buffers.topK(k), scores, n, exclude, false);
    }

    /**
     * Lists for many known users at once (batch requests, the recommend command), equal to
     * {@link #recommend} for each. Scores {@value #BLOCK} users per pass of the blocked kernel,
     * which streams the item table once per block instead of once per user.
     */
    public Recommendation[] recommendMany(ServingSnapshot s, int[] users, int k, int[] exclude) {
        int n = s.scorer().numItems();
        ScoreBuffers buffers = ScoreBuffers.forThisThread();
        float[][] block = buffers.block(BLOCK, n);
        Recommendation[] out = new Recommendation[users.length];
        for (int from = 0; from < users.length; from += BLOCK) {
            int to = Math.min(users.length, from + BLOCK);
            s.scorer().scoreBlock(users, from, to, block);
            for (int b = from; b < to; b++) {
                float[] scores = block[b - from];
                excludeSeen(s.train(), users[b], scores);
                out[b] = select(buffers.topK(k), scores, n, exclude, false);
            }
        }
        return out;
    }

    private static void excludeSeen(Interactions train, int user, float[] scores) {
        int[] seen = train.userItemArray();
        for (int p = train.userStart(user); p < train.userEnd(user); p++) {
            scores[seen[p]] = Float.NEGATIVE_INFINITY;
        }
    }

    /** The k most popular items in training, excluding {@code exclude}: the answer for users the model does not know. */
    public Recommendation popular(ServingSnapshot s, int k, int[] exclude) {
        int n = s.popular().numItems();
        ScoreBuffers buffers = ScoreBuffers.forThisThread();
        float[] scores = buffers.scores(n);
        s.popular().scoreAll(0, scores);
        return select(buffers.topK(k), scores, n, exclude, true);
    }

    /**
     * The k items with the highest cosine similarity of embeddings to {@code item} (itself
     * excluded). Needs a model with item embeddings: check {@link ServingSnapshot#itemCosine()}.
     */
    public Recommendation similar(ServingSnapshot s, int item, int k) {
        FactorScorer cosine = s.itemCosine().orElseThrow(
                () -> new IllegalStateException("model type '" + s.type() + "' has no item embeddings for similarity"));
        int n = cosine.numItems();
        ScoreBuffers buffers = ScoreBuffers.forThisThread();
        float[] scores = buffers.scores(n);
        cosine.scoreAll(item, scores);
        return select(buffers.topK(k), scores, n, new int[] {item}, false);
    }

    private static Recommendation select(TopK topK, float[] scores, int n, int[] exclude, boolean fallback) {
        for (int i : exclude) {
            scores[i] = Float.NEGATIVE_INFINITY;
        }
        int[] items = topK.select(scores, n);
        float[] best = new float[items.length];
        for (int r = 0; r < items.length; r++) {
            best[r] = scores[items[r]];
        }
        return new Recommendation(items, best, fallback);
    }
}
