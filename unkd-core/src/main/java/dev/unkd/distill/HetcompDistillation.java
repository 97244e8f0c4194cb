package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.TeacherTrajectory;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * HetComp (Kang et al., WWW 2023; constants in {@link HetcompConfig}): the student learns from an
 * easy-to-hard sequence of ranking knowledge built from its teachers' training trajectories.
 * <ul>
 *   <li>Once: every stage (checkpoint, final model) of every teacher ranks each user's unobserved
 *   items ({@link TeacherRanking}); the final models rank each user's training items, whose
 *   ensemble's best {@code observed} form the user's observed list O.</li>
 *   <li>Every p epochs ({@link EasyToHardSchedule}): each user moves, per teacher, to a later stage
 *   once the student has caught up with it; the user's top list T is the {@link RankEnsemble}
 *   of the teachers' lists at their current stages, its best K.</li>
 *   <li>Every batch: for each distinct user of the batch, weighted by its rows,
 *   kdWeight * overallFactor * L_overall while any user of any teacher still follows a checkpoint,
 *   then kdWeight * L_rank ({@link HetcompLoss}); R, the rest of the softmax (the user's
 *   unobserved items outside T), is summed exactly or estimated from {@code restSamples} uniform
 *   draws per user and epoch, (N_rest / M) * sum_m e^{s_m}:
 *   <pre>  L = kdWeight * factor / |B| * sum_{distinct u in B} count_u * L_u(s(u, O_u), s(u, T_u), R_u)</pre></li>
 * </ul>
 * Cost per batch: (|O| + K + M) scores and gradient rows per distinct user (with M = 0 all items
 * instead); every p epochs until all users reach the final models, one top-k ranking of all users
 * by the student.
 *
 * <p>Deterministic: the rest draws come from streams fixed by the seed, the epoch and the user
 * ({@link RestDraws}); the batch's distinct users are numbered ascending and split into the
 * trainer's chunks in proportion.
 */
public final class HetcompDistillation extends DistillerBase {
    private static final int USER_CHUNK = 256;

    private final HetcompConfig config;
    private final Interactions train;
    private final int numItems;
    private final EasyToHardSchedule schedule;
    private final int[] observedItems;
    private final int[] observedLengths;
    private final int[] lists;
    private final int[] listLengths;
    private final RestDraws rest;
    private boolean rankPhase;
    private final ThreadLocal<Scratch> scratches;
    private final BatchUnits units;

    private HetcompDistillation(HetcompConfig config, Interactions train, EasyToHardSchedule schedule, int[] observedItems,
            int[] observedLengths, int[] lists, int[] listLengths, double preparationSeconds) {
        super(config, preparationSeconds);
        this.config = config;
        this.train = train;
        this.numItems = train.numItems();
        this.schedule = schedule;
        this.observedItems = observedItems;
        this.observedLengths = observedLengths;
        int users = train.numUsers();
        this.lists = lists;
        this.listLengths = listLengths;
        this.rest = new RestDraws(train, config.restSamples());
        this.units = new BatchUnits(users);
        int maxObserved = config.observed();
        this.scratches = ThreadLocal.withInitial(() -> new Scratch(maxObserved, config.topK(), config.restSamples(), numItems));
    }

    /** Ranks every stage of every trajectory, builds the observed lists and the first top lists (first checkpoints). */
    public static HetcompDistillation prepare(HetcompConfig config, List<TeacherTrajectory> teachers, Interactions train,
            ChunkedExecutor executor) {
        long start = System.nanoTime();
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("hetcomp needs at least one teacher trajectory");
        }
        int depth = Math.min(train.numItems(), Math.max(config.topK(), config.discrepancyDepth()));
        TeacherRanking[][] stages = new TeacherRanking[teachers.size()][];
        for (int x = 0; x < stages.length; x++) {
            List<Scorer> scorers = teachers.get(x).stages();
            stages[x] = new TeacherRanking[scorers.size()];
            for (int s = 0; s < scorers.size(); s++) {
                stages[x][s] = TeacherRanking.plain(scorers.get(s), train, depth, executor);
            }
        }
        int users = train.numUsers();
        int p = config.observed();
        int[] observed = new int[Math.multiplyExact(users, p)];
        int[] observedLengths = new int[users];
        rankObserved(teachers, train, config, observed, observedLengths, executor);
        EasyToHardSchedule schedule = new EasyToHardSchedule(stages, train.numItems(), config.period(), config.alpha(),
                config.thresholdDecay(), config.discrepancyDepth(), config.gainTemperature());
        int[] lists = new int[Math.multiplyExact(users, config.topK())];
        int[] listLengths = new int[users];
        buildLists(config, schedule, train.numItems(), lists, listLengths, executor);
        return new HetcompDistillation(config, train, schedule, observed, observedLengths, lists, listLengths,
                (System.nanoTime() - start) / 1e9);
    }

    /** Each user's training items ranked by every final model, then combined by rank importance; the best {@code observed} kept. */
    private static void rankObserved(List<TeacherTrajectory> teachers, Interactions train, HetcompConfig config, int[] out, int[] lengths,
            ChunkedExecutor executor) {
        int users = train.numUsers();
        int p = config.observed();
        int maxDegree = 0;
        for (int u = 0; u < users; u++) {
            maxDegree = Math.max(maxDegree, train.userDegree(u));
        }
        int union = maxDegree;
        ThreadLocal<RankEnsemble> ensembles = ThreadLocal.withInitial(() -> new RankEnsemble(config.ensembleBeta(), train.numItems(), union));
        executor.run(ChunkedExecutor.chunks(users, USER_CHUNK), c -> {
            RankEnsemble ensemble = ensembles.get();
            int[][] ranked = new int[teachers.size()][];
            int[] offsets = new int[teachers.size()];
            int[] counts = new int[teachers.size()];
            for (int u = c * USER_CHUNK; u < Math.min(users, (c + 1) * USER_CHUNK); u++) {
                int[] items = train.itemsOf(u);
                for (int x = 0; x < ranked.length; x++) {
                    ranked[x] = byScore(teachers.get(x).finalModel(), u, items);
                    counts[x] = items.length;
                }
                lengths[u] = ensemble.combine(ranked, offsets, counts, p, out, u * p);
            }
        });
    }

    /** The items sorted by the scorer's score for u, descending (ties: lower index first). */
    private static int[] byScore(Scorer scorer, int u, int[] items) {
        Integer[] order = new Integer[items.length];
        float[] s = new float[items.length];
        for (int j = 0; j < items.length; j++) {
            order[j] = j;
            s[j] = scorer.score(u, items[j]);
        }
        Arrays.sort(order, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(items[a], items[b]));
        int[] out = new int[items.length];
        for (int j = 0; j < items.length; j++) {
            out[j] = items[order[j]];
        }
        return out;
    }

    /** Every user's top list: the ensemble of the teachers' lists at the user's current stages. */
    private static void buildLists(HetcompConfig config, EasyToHardSchedule schedule, int numItems, int[] lists, int[] listLengths,
            ChunkedExecutor executor) {
        int users = schedule.numUsers();
        int k = config.topK();
        int teachers = schedule.teachers();
        ThreadLocal<RankEnsemble> ensembles = ThreadLocal.withInitial(() -> new RankEnsemble(config.ensembleBeta(), numItems, teachers * k));
        executor.run(ChunkedExecutor.chunks(users, USER_CHUNK), c -> {
            RankEnsemble ensemble = ensembles.get();
            int[][] arrays = new int[teachers][];
            int[] offsets = new int[teachers];
            int[] lengths = new int[teachers];
            for (int u = c * USER_CHUNK; u < Math.min(users, (c + 1) * USER_CHUNK); u++) {
                for (int x = 0; x < teachers; x++) {
                    TeacherRanking r = schedule.ranking(x, schedule.stage(x, u));
                    arrays[x] = r.itemArray();
                    offsets[x] = r.offset(u, 0);
                    lengths[x] = Math.min(k, r.length(u, 0));
                }
                listLengths[u] = ensemble.combine(arrays, offsets, lengths, k, lists, u * k);
            }
        });
    }

    public HetcompConfig config() {
        return config;
    }

    /** Whether the ranking phase has begun (every user follows every final model). */
    boolean rankPhase() {
        return rankPhase;
    }

    /** The knowledge-construction state. */
    EasyToHardSchedule schedule() {
        return schedule;
    }

    /** User u's current top list T, best first. */
    int[] list(int u) {
        return Arrays.copyOfRange(lists, u * config.topK(), u * config.topK() + listLengths[u]);
    }

    /** User u's observed list O, best first. */
    int[] observedList(int u) {
        return Arrays.copyOfRange(observedItems, u * config.observed(), u * config.observed() + observedLengths[u]);
    }

    /** The rest draws of the current epoch. */
    RestDraws restDraws() {
        return rest;
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        ChunkedExecutor executor = context.executor();
        int trained = context.epoch() - 1;
        if (!rankPhase && schedule.due(trained)) {
            Scorer student = context.model().forward().scorer();
            TeacherRanking studentLists = TeacherRanking.plain(student, train, Math.min(numItems, config.discrepancyDepth()), executor);
            if (schedule.step(studentLists, trained, executor)) {
                buildLists(config, schedule, numItems, lists, listLengths, executor);
            }
        }
        rankPhase = schedule.finished();
        if (config.restSamples() > 0) {
            rest.draw(context.seed(), context.epoch(), lists, listLengths, config.topK(), executor);
        }
        epochStarted(start);
    }

    /** Numbers the batch's distinct users ascending, with their row counts. */
    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        units.clear(batch.size());
        units.add(batch.users(), batch.size());
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (config.kdWeight() == 0) {
            return 0;
        }
        int first = units.boundary(from, batch.size());
        int last = units.boundary(to, batch.size());
        double scale = config.kdWeight() * (rankPhase ? 1 : config.overallFactor()) / batch.size();
        Scratch s = scratches.get();
        double loss = 0;
        for (int unit = first; unit < last; unit++) {
            loss += user(units.id(unit), scale * units.count(unit), emb, log, s);
        }
        return loss;
    }

    /** One user's weighted loss; records its gradients. */
    private double user(int u, double weight, Embeddings emb, GradientLog log, Scratch s) {
        int dim = emb.dim();
        int p = observedLengths[u];
        int k = listLengths[u];
        int po = u * config.observed();
        int to = u * config.topK();
        for (int j = 0; j < p; j++) {
            s.observed[j] = emb.score(u, observedItems[po + j]);
        }
        for (int j = 0; j < k; j++) {
            s.top[j] = emb.score(u, lists[to + j]);
        }
        boolean sampled = config.restSamples() > 0;
        int restCount;
        if (sampled) {
            restCount = rest.count(u);
            for (int j = 0; j < restCount; j++) {
                s.restIndex[j] = rest.item(u, j);
                s.rest[j] = emb.score(u, s.restIndex[j]);
            }
        } else {
            restCount = s.allRest(u, lists, to, k, train, emb);
        }
        double restSum = 0;
        for (int j = 0; j < restCount; j++) {
            double y = s.rest[j];
            double e = HetcompLoss.clampedExp(y);
            restSum += e;
            s.rest[j] = e * HetcompLoss.clampSlope(y); // kept for the gradient below (none beyond the clamp)
        }
        double restWeight = sampled ? rest.weight(u) : 1;
        restSum *= restWeight;
        HetcompLoss.Gradient g = s.gradient;
        double loss = rankPhase ? HetcompLoss.rank(s.observed, p, s.top, k, restSum, g)
                : HetcompLoss.overall(s.observed, p, s.top, k, restSum, g);
        float[] users = emb.users().data();
        float[] items = emb.items().data();
        float[] rowGrad = s.rowGrad(dim);
        int ro = u * dim;
        for (int j = 0; j < p; j++) {
            add(observedItems[po + j], (float) (weight * g.observed[j]), users, ro, items, rowGrad, dim, log);
        }
        for (int j = 0; j < k; j++) {
            add(lists[to + j], (float) (weight * g.top[j]), users, ro, items, rowGrad, dim, log);
        }
        double restScale = weight * g.restCoefficient * restWeight;
        for (int j = 0; j < restCount; j++) {
            add(s.restIndex[j], (float) (restScale * s.rest[j]), users, ro, items, rowGrad, dim, log);
        }
        log.addUser(u, rowGrad, 0, 1f);
        return weight * loss;
    }

    private static void add(int item, float g, float[] users, int ro, float[] items, float[] rowGrad, int dim, GradientLog log) {
        if (g == 0) {
            return;
        }
        int co = item * dim;
        for (int d = 0; d < dim; d++) {
            rowGrad[d] += g * items[co + d];
        }
        log.addItem(item, users, ro, g);
    }

    /** Per-thread buffers. */
    private static final class Scratch {
        final double[] observed;
        final double[] top;
        double[] rest;
        int[] restIndex;
        final int[] stamp;
        int mark;
        final HetcompLoss.Gradient gradient = new HetcompLoss.Gradient();
        private float[] rowGrad = new float[0];

        Scratch(int observed, int topK, int restSamples, int numItems) {
            this.observed = new double[observed];
            this.top = new double[topK];
            this.rest = new double[restSamples];
            this.restIndex = new int[restSamples];
            this.stamp = new int[numItems];
        }

        float[] rowGrad(int dim) {
            if (rowGrad.length != dim) {
                rowGrad = new float[dim];
            }
            Arrays.fill(rowGrad, 0f);
            return rowGrad;
        }

        /** Scores of all of u's unobserved items outside its list into rest / restIndex; returns their count. */
        int allRest(int u, int[] lists, int at, int k, Interactions train, Embeddings emb) {
            int numItems = stamp.length;
            if (rest.length < numItems) {
                rest = new double[numItems];
                restIndex = new int[numItems];
            }
            mark++;
            for (int j = train.userStart(u); j < train.userEnd(u); j++) {
                stamp[train.userItemArray()[j]] = mark;
            }
            for (int j = 0; j < k; j++) {
                stamp[lists[at + j]] = mark;
            }
            int n = 0;
            for (int i = 0; i < numItems; i++) {
                if (stamp[i] != mark) {
                    restIndex[n] = i;
                    rest[n++] = emb.score(u, i);
                }
            }
            return n;
        }
    }
}
