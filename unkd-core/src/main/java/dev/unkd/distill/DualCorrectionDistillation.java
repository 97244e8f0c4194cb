package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * DCD (Lee and Kim, <i>Dual Correction Strategy for Ranking Distillation in Top-N Recommender
 * System</i>, CIKM 2021; constants in {@link DcdConfig}): distillation aimed at what the student
 * ranks wrongly. Per side ({@link CorrectionSide}): the teacher's top-T unobserved items of each user
 * (users of each item); from the student's ranks, K "underestimated" entries (ranked lower by the
 * student than by the teacher) and K "overestimated" ones are drawn each epoch, and the relaxed
 * ranking loss ({@link RelaxedRankingLoss}, RRD's) asks the student to rank the underestimated
 * ones in the teacher's order above the overestimated ones, on raw student scores (as KDs):
 * <pre>
 *   L = kdWeight / |B| * ( sum_{rows b} RRD(s(u_b, under_u), s(u_b, over_u))
 *                        + sum_{rows b} RRD(s(under_i, i_b), s(over_i, i_b)) )   i_b the row's positive
 * </pre>
 * Each distinct user (positive item) of the batch is computed once and weighted by its count, which
 * gives the same loss as the per-row sum at a lower cost. The student's ranks are recomputed every
 * {@link DcdConfig#refreshEvery()} epochs from its current embeddings, before the epoch's draw.
 *
 * <p>Deterministic: draws come from streams fixed by the seed, the epoch and the row; the batch's
 * distinct users and items are numbered in ascending order and split into the trainer's chunks in
 * proportion, as {@link BatchEntities#emit} does.
 */
public final class DualCorrectionDistillation extends DistillerBase {
    private static final long STREAM = 0x444344L; // "DCD"

    private final DcdConfig config;
    private final Interactions train;
    private final CorrectionSide users;
    private final CorrectionSide items;
    private final BatchUnits units;
    private int numUserUnits;

    DualCorrectionDistillation(DcdConfig config, Interactions train, CorrectionSide users, CorrectionSide items, double preparationSeconds) {
        super(config, preparationSeconds);
        this.config = config;
        this.train = train;
        this.users = users;
        this.items = items;
        this.units = new BatchUnits(Math.max(train.numUsers(), train.numItems()));
    }

    /**
     * Ranks the teacher's top-T items per user and, for the item side, its top-T users per item
     * (with the transposed embeddings when the teacher has them, else by its scores).
     */
    public static DualCorrectionDistillation prepare(DcdConfig config, Scorer teacher, Optional<Embeddings> teacherEmbeddings,
            Interactions train, ChunkedExecutor executor) {
        long start = System.nanoTime();
        TeacherRanking userLists = TeacherRanking.plain(teacher, train, config.topT(), executor);
        CorrectionSide users = new CorrectionSide(userLists, train, config.samples(), config.epsilon(), config.floor());
        CorrectionSide items = null;
        if (config.itemSide()) {
            Interactions transposed = transpose(train);
            Scorer byItem = teacherEmbeddings.<Scorer>map(e -> new Embeddings(e.items(), e.users()).scorer())
                    .orElseGet(() -> transpose(teacher));
            TeacherRanking itemLists = TeacherRanking.plain(byItem, transposed, Math.min(config.topT(), train.numUsers()), executor);
            items = new CorrectionSide(itemLists, transposed, Math.min(config.samples(), train.numUsers()), config.epsilon(), config.floor());
        }
        return new DualCorrectionDistillation(config, train, users, items, (System.nanoTime() - start) / 1e9);
    }

    /** The items x users interactions. */
    static Interactions transpose(Interactions train) {
        return Interactions.of(train.numItems(), train.numUsers(), train.userItemArray().clone(), train.pairUsers());
    }

    private static Scorer transpose(Scorer s) {
        return new Scorer() {
            @Override
            public int numUsers() {
                return s.numItems();
            }

            @Override
            public int numItems() {
                return s.numUsers();
            }

            @Override
            public float score(int item, int user) {
                return s.score(user, item);
            }
        };
    }

    public DcdConfig config() {
        return config;
    }

    /** The user side (lists, ranks, draws). */
    CorrectionSide userSide() {
        return users;
    }

    /** The item side, if enabled. */
    Optional<CorrectionSide> itemSide() {
        return Optional.ofNullable(items);
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        ChunkedExecutor executor = context.executor();
        if ((context.epoch() - 1) % config.refreshEvery() == 0 || !users.ranked()) {
            Embeddings emb = context.model().forward();
            users.refreshRanks(emb.scorer(), executor);
            if (items != null) {
                items.refreshRanks(new Embeddings(emb.items(), emb.users()).scorer(), executor);
            }
        }
        users.draw(Seeds.derive(context.seed(), STREAM, context.epoch(), 0), executor);
        if (items != null) {
            items.draw(Seeds.derive(context.seed(), STREAM, context.epoch(), 1), executor);
        }
        epochStarted(start);
    }

    /** Numbers the batch's distinct users, then its distinct positives (when the item side is on), ascending, with their counts. */
    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        int n = batch.size();
        units.clear(2 * n);
        numUserUnits = units.add(batch.users(), n);
        if (items != null) {
            units.add(batch.positives(), n);
        }
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (config.kdWeight() == 0) {
            return 0;
        }
        int first = units.boundary(from, batch.size());
        int last = units.boundary(to, batch.size());
        int dim = emb.dim();
        int k = Math.max(users.k(), items == null ? 0 : items.k());
        double[] x = new double[k];
        double[] y = new double[k];
        float[] dx = new float[k];
        float[] dy = new float[k];
        float[] rowGrad = new float[dim];
        RelaxedRankingLoss.Scratch scratch = new RelaxedRankingLoss.Scratch();
        double scale = config.kdWeight() / batch.size();
        double loss = 0;
        for (int unit = first; unit < last; unit++) {
            boolean user = unit < numUserUnits;
            CorrectionSide side = user ? users : items;
            int row = units.id(unit);
            int c = side.count(row);
            if (c == 0) {
                continue;
            }
            // rows' and columns' tables: users x items on the user side, items x users on the item side
            float[] rows = user ? emb.users().data() : emb.items().data();
            float[] cols = user ? emb.items().data() : emb.users().data();
            int ro = row * dim;
            for (int j = 0; j < c; j++) { // the same float sum either way round (a * b == b * a)
                x[j] = user ? emb.score(row, side.under(row, j)) : emb.score(side.under(row, j), row);
                y[j] = user ? emb.score(row, side.over(row, j)) : emb.score(side.over(row, j), row);
            }
            double w = scale * units.count(unit);
            loss += w * RelaxedRankingLoss.lossAndGradient(x, c, y, c, dx, dy, scratch);
            Arrays.fill(rowGrad, 0f);
            for (int j = 0; j < 2 * c; j++) {
                int col = j < c ? side.under(row, j) : side.over(row, j - c);
                float g = (float) (w * (j < c ? dx[j] : dy[j - c]));
                if (g == 0) {
                    continue;
                }
                int co = col * dim;
                for (int d = 0; d < dim; d++) {
                    rowGrad[d] += g * cols[co + d];
                }
                if (user) {
                    log.addItem(col, rows, ro, g);
                } else {
                    log.addUser(col, rows, ro, g);
                }
            }
            if (user) {
                log.addUser(row, rowGrad, 0, 1f);
            } else {
                log.addItem(row, rowGrad, 0, 1f);
            }
        }
        return loss;
    }
}
