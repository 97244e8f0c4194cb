package dev.unkd.serve;

import dev.unkd.data.Dataset;
import dev.unkd.model.MostPopular;
import dev.unkd.model.FactorScorer;
import dev.unkd.recommend.Recommender;
import dev.unkd.recommend.UserFoldIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The serving logic without HTTP: holds the current {@link ServingSnapshot}, ranks items for a
 * user (training items and requested items excluded), ranks items similar to an item, and swaps
 * in a reloaded model atomically. Callers take {@link #snapshot()} once per request and pass it
 * to every call, so ids and scores of one answer always come from one model.
 *
 * <p>Ranking is the core's {@link Recommender} (the one evaluation uses), so served lists equal the
 * evaluated ones. Cost of one ranking: a full scoring pass ({@code dim x items} multiply-adds) into a
 * per-thread buffer, then a bounded-heap selection (O(items log k)); nothing is allocated but the result.
 *
 * <p>Model files are read by a worker thread with a deadline ({@link #DEFAULT_LOAD_TIMEOUT} unless
 * given), and only if they are regular files, so a FIFO, a hung network mount or a slow device
 * fails the reload instead of holding the reload lock (and every later reload and SIGHUP) forever.
 *
 * <p>With an {@link IndexChoice} that asks for one, every loaded version gets its {@link MipsIndex}
 * built after the file is read (outside the read deadline: the build is bounded CPU work, not a
 * read that can hang) and before it is swapped in, so a reload keeps serving the old version, exact
 * or indexed, until the new one is complete. Users the model does not know are answered from
 * their items ({@link #foldIn}) or by the configured {@link Fallback}; the slots served per
 * popularity group are counted for /metrics.
 */
public final class RecommendationService {
    /** Reads a model file into a snapshot for the data being served. */
    @FunctionalInterface
    public interface SnapshotLoader {
        ServingSnapshot load(Path modelFile) throws IOException;
    }

    /** Users scored together by {@link #recommendMany}: 8 rows of 25k items are 800 KB per thread. */
    static final int BLOCK = 8;
    /**
     * One scratch per request thread: threads are pooled, so after the first requests a ranking
     * allocates nothing but its result (the item and score arrays and the {@link Recommendation}).
     */
    private static final ThreadLocal<Recommender.Scratch> SCRATCH = ThreadLocal.withInitial(Recommender.Scratch::new);

    /** How long a model file may take to read and prepare before the load is given up. */
    public static final Duration DEFAULT_LOAD_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Load workers alive at once. A worker stuck in a read the JVM cannot interrupt (opening a FIFO
     * swapped in after the regular-file check) stays stuck, so their number is capped: beyond it
     * reloads fail at once instead of piling up threads.
     */
    private static final int MAX_LOAD_WORKERS = 4;
    private static final ThreadPoolExecutor LOADERS = new ThreadPoolExecutor(0, MAX_LOAD_WORKERS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "unkd-model-load");
                t.setDaemon(true); // a stuck read must not keep the JVM alive
                return t;
            });

    private final AtomicReference<ServingSnapshot> current;
    private final SnapshotLoader loader;
    private final Duration loadTimeout;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();
    private final IndexChoice indexChoice;
    private final MipsIndex.Settings indexSettings;
    private final ServedExposure exposure;

    public RecommendationService(ServingSnapshot initial, SnapshotLoader loader) {
        this(initial, loader, DEFAULT_LOAD_TIMEOUT);
    }

    /** A service whose reloads give up after {@code loadTimeout}, searching exactly. */
    public RecommendationService(ServingSnapshot initial, SnapshotLoader loader, Duration loadTimeout) {
        this(initial, loader, loadTimeout, IndexChoice.EXACT, MipsIndex.Settings.defaults());
    }

    /**
     * A service whose model versions (the initial one included) are searched as {@code index}
     * says; the initial version's index is built here. {@link IndexChoice#HNSW} on a model without
     * item embeddings throws an IllegalArgumentException.
     */
    public RecommendationService(ServingSnapshot initial, SnapshotLoader loader, Duration loadTimeout, IndexChoice index,
            MipsIndex.Settings indexSettings) {
        this.loader = Objects.requireNonNull(loader);
        this.loadTimeout = Objects.requireNonNull(loadTimeout);
        if (loadTimeout.isNegative() || loadTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid load timeout: " + loadTimeout);
        }
        this.indexChoice = Objects.requireNonNull(index);
        this.indexSettings = Objects.requireNonNull(indexSettings);
        this.exposure = new ServedExposure(initial.train()); // the data's: every version is served on the same training data
        this.current = new AtomicReference<>(prepare(Objects.requireNonNull(initial)));
    }

    /** Loads {@code modelFile} for {@code data}; later reloads must fit the same data. Exact search. */
    public static RecommendationService open(Path modelFile, Dataset data) throws IOException {
        return open(modelFile, data, IndexChoice.EXACT, MipsIndex.Settings.defaults());
    }

    /** Loads {@code modelFile} for {@code data}, searched as {@code index} says (building the index now when it asks for one). */
    public static RecommendationService open(Path modelFile, Dataset data, IndexChoice index, MipsIndex.Settings settings) throws IOException {
        MostPopular popular = new MostPopular(data.train()); // depends on the data only: shared by every model version
        SnapshotLoader loader = file -> ServingSnapshot.load(file, data, popular);
        return new RecommendationService(boundedLoad(loader, modelFile, DEFAULT_LOAD_TIMEOUT), loader, DEFAULT_LOAD_TIMEOUT, index, settings);
    }

    /** A loaded version with its index built when the index choice asks for one. */
    private ServingSnapshot prepare(ServingSnapshot loaded) {
        return indexChoice.prepare(loaded, indexSettings);
    }

    ServedExposure exposure() {
        return exposure;
    }

    /**
     * Runs {@code loader} on a regular file in a worker and waits at most {@code timeout}: a file
     * that is not regular (FIFO, device, directory) or takes longer fails with an IOException.
     */
    static ServingSnapshot boundedLoad(SnapshotLoader loader, Path file, Duration timeout) throws IOException {
        // links followed: a served "current.unkd" link to a version is fine; a missing file is NoSuchFileException
        if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
            throw new IOException(file + ": not a regular file");
        }
        Future<ServingSnapshot> load;
        try {
            load = LOADERS.submit(() -> loader.load(file));
        } catch (RejectedExecutionException e) {
            throw new IOException("cannot read " + file + ": " + MAX_LOAD_WORKERS + " earlier loads are still stuck reading");
        }
        try {
            return load.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            load.cancel(true); // interrupts what can be interrupted; a blocked open stays blocked in its own worker
            throw new IOException("reading " + file + " took longer than " + timeout.toMillis() + " ms; gave up");
        } catch (InterruptedException e) {
            load.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("cannot read " + file + ": " + cause, cause);
        }
    }

    public ServingSnapshot snapshot() {
        return current.get();
    }

    /**
     * Loads a model file and, only if that succeeds, makes it the one served. A file that cannot
     * be read or does not fit the data throws and leaves the current model serving. Reloads are
     * serialised so two of them cannot finish in the opposite order of their start; each is
     * bounded by the load timeout, so none holds the others up for longer.
     */
    public synchronized ServingSnapshot reload(Path modelFile) throws IOException {
        ServingSnapshot next;
        try {
            next = prepare(boundedLoad(loader, modelFile, loadTimeout)); // the old version serves while the index builds
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

    /** Counts a reload refused before any file was read (a path outside the model directory, say). */
    void refused() {
        failedReloads.incrementAndGet();
    }

    /**
     * The k best items for a known user (dense index), excluding the user's training items and
     * {@code exclude}: exact, or from the snapshot's index when it has one.
     */
    public Recommendation recommend(ServingSnapshot s, int user, int k, int[] exclude) {
        if (s.index().isPresent()) {
            return s.index().get().search(userVector(s, user), k, union(s.train().itemsOf(user), exclude));
        }
        Recommender.Scratch scratch = SCRATCH.get();
        int[] items = s.recommender().recommend(user, k, exclude, scratch);
        return Recommendation.fromRow(items, scratch.row(s.recommender().numItems()), false);
    }

    private static float[] userVector(ServingSnapshot s, int user) {
        FactorScorer f = (FactorScorer) s.scorer(); // an index exists only over embeddings
        return Arrays.copyOfRange(f.userEmbeddings(), user * f.dim(), (user + 1) * f.dim());
    }

    /** The distinct items of both arrays, ascending. */
    static int[] union(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        int n = 0;
        for (int i : all) { // in place: IntStream.distinct() would box every item
            if (n == 0 || all[n - 1] != i) {
                all[n++] = i;
            }
        }
        return Arrays.copyOf(all, n);
    }

    /**
     * Lists for many known users at once (batch requests), equal to
     * {@link #recommend} for each. Scores {@value #BLOCK} users per pass of the blocked kernel,
     * which streams the item table once per block instead of once per user (with an index: one
     * search per user).
     */
    public Recommendation[] recommendMany(ServingSnapshot s, int[] users, int k, int[] exclude) {
        Recommendation[] out = new Recommendation[users.length];
        if (s.index().isPresent()) {
            for (int b = 0; b < users.length; b++) {
                out[b] = recommend(s, users[b], k, exclude);
            }
            return out;
        }
        Recommender recommender = s.recommender();
        Recommender.Scratch scratch = SCRATCH.get();
        float[][] rows = scratch.rows(BLOCK, recommender.numItems());
        for (int from = 0; from < users.length; from += BLOCK) {
            int to = Math.min(users.length, from + BLOCK);
            recommender.scoreBlock(users, from, to, rows);
            for (int b = from; b < to; b++) {
                float[] scores = rows[b - from];
                out[b] = Recommendation.fromRow(recommender.select(scores, k, exclude, scratch), scores, false);
            }
        }
        return out;
    }

    /**
     * The k best items for a user the model does not know, from the items of their history
     * (dense indices, at least one): the history is folded into a user vector
     * ({@link ServingSnapshot#foldIn()}) and ranked like a known user's, the history and
     * {@code exclude} excluded. Needs a model with item embeddings: check
     * {@link ServingSnapshot#foldIn()}. Cost: the fold-in (a few Newton steps over
     * |history| x 256 pairs) plus one ranking.
     */
    public Recommendation foldIn(ServingSnapshot s, int[] history, int k, int[] exclude) {
        UserFoldIn foldIn = s.foldIn().orElseThrow(
                () -> new IllegalStateException("model type '" + s.type() + "' has no item embeddings to fold a user in with"));
        float[] user = foldIn.foldIn(history);
        int[] excluded = union(history, exclude);
        if (s.index().isPresent()) {
            return s.index().get().search(user, k, excluded);
        }
        Recommender.Scratch scratch = SCRATCH.get();
        int[] items = s.recommender().recommendFor(user, k, excluded, scratch);
        return Recommendation.fromRow(items, scratch.row(s.recommender().numItems()), false);
    }

    /** The k most popular items in training, excluding {@code exclude}: the answer for users the model does not know. */
    public Recommendation popular(ServingSnapshot s, int k, int[] exclude) {
        Recommender.Scratch scratch = SCRATCH.get();
        int[] items = s.popularRecommender().recommend(0, k, exclude, scratch);
        return Recommendation.fromRow(items, scratch.row(s.popularRecommender().numItems()), true);
    }

    /**
     * The answer for a user the model does not know under {@code mode}: null for
     * {@link Fallback#NONE}, the popular list, or the group-balanced popular list (scores: the
     * items' training interaction counts).
     */
    public Recommendation fallback(ServingSnapshot s, Fallback mode, int k, int[] exclude) {
        return switch (mode) {
            case NONE -> null;
            case POPULAR -> popular(s, k, exclude);
            case BALANCED -> exposure.balanced(k, union(new int[0], exclude));
        };
    }

    /**
     * The k items with the highest cosine similarity of embeddings to {@code item} (itself
     * excluded). Needs a model with item embeddings: check {@link ServingSnapshot#itemCosine()}.
     */
    public Recommendation similar(ServingSnapshot s, int item, int k) {
        Recommender cosine = s.similarItems().orElseThrow(
                () -> new IllegalStateException("model type '" + s.type() + "' has no item embeddings for similarity"));
        Recommender.Scratch scratch = SCRATCH.get();
        int[] items = cosine.recommend(item, k, new int[] {item}, scratch);
        return Recommendation.fromRow(items, scratch.row(cosine.numItems()), false);
    }
}
