package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.Linear;
import dev.unkd.distill.nn.LinearProjection;
import dev.unkd.distill.nn.ParameterLayout;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.AdamConfig;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * FitNet feature distillation on embeddings (Romero et al., ICLR 2015; constants in
 * {@link FitNetConfig}): for the batch's distinct users, positives and negatives
 * ({@link BatchEntities#addBatch}, DE's entities),
 * <pre>
 *   L_Fit = kdWeight * (mean_u |t_u - P_U(s_u)|^2 + (mean_{i+} |t_i - P_I(s_i)|^2 + mean_{i-} |t_i - P_I(s_i)|^2) / 2)
 * </pre>
 * with P_U, P_I linear projectors from the student's dimension to the teacher's
 * ({@link LinearProjection}). The projectors are created at the first epoch, when the student's
 * dimension is known (PyTorch's {@code nn.Linear} init), and stepped by their own Adam after every
 * batch. The batch's work runs over {@value #WORK_CHUNKS} fixed chunks whose parameter gradients are
 * summed in chunk order, so nothing depends on the thread count. KDs draws its entities uniformly
 * from all users and items instead of the batch's; here the batch's, as DE does.
 */
public final class FeatureDistillation extends DistillerBase {
    static final int WORK_CHUNKS = 8;
    private static final long STREAM = 0x464954L; // "FIT"

    private final FitNetConfig config;
    private final Interactions train;
    private final Embeddings teacher;

    private ChunkedExecutor executor;
    private TrainableParameters parameters;
    private LinearProjection users;
    private LinearProjection items;
    private Linear.Weights userWeights;
    private Linear.Weights itemWeights;
    private Linear.Weights[] userGradients;
    private Linear.Weights[] itemGradients;
    private float[][][] workspaces;
    private BatchEntities entities;
    private boolean[] mark;
    private volatile boolean computed;

    /** @param teacher the teacher's final embeddings, the hints */
    public FeatureDistillation(FitNetConfig config, Interactions train, Embeddings teacher) {
        super(config, 0);
        if (teacher.users().rows() != train.numUsers() || teacher.items().rows() != train.numItems()) {
            throw new IllegalArgumentException("teacher embeddings are " + teacher.users().rows() + " users x " + teacher.items().rows()
                    + " items, data has " + train.numUsers() + " x " + train.numItems());
        }
        if (teacher.dim() < 1) {
            throw new IllegalArgumentException("fitnet: the teacher's embeddings have dimension " + teacher.dim() + ", nothing to project to");
        }
        this.config = config;
        this.train = train;
        this.teacher = teacher;
    }

    public FitNetConfig config() {
        return config;
    }

    /** The projectors' parameters, users' then items' (empty before the first epoch, or when the weight is 0). */
    public Optional<TrainableParameters> parameters() {
        return Optional.ofNullable(parameters);
    }

    public Optional<LinearProjection> userProjector() {
        return Optional.ofNullable(users);
    }

    public Optional<LinearProjection> itemProjector() {
        return Optional.ofNullable(items);
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        executor = context.executor();
        if (parameters == null && config.kdWeight() > 0) {
            create(context.model().dim(), Seeds.derive(context.seed(), STREAM, 0));
        }
        epochStarted(start);
    }

    private void create(int studentDim, long seed) {
        if (studentDim < 1) {
            throw new IllegalArgumentException("fitnet: the student's dimension is " + studentDim + "; the projector needs at least 1");
        }
        ParameterLayout layout = new ParameterLayout();
        users = new LinearProjection(layout, studentDim, teacher.dim(), config.bias());
        items = new LinearProjection(layout, studentDim, teacher.dim(), config.bias());
        parameters = new TrainableParameters(layout, AdamConfig.of(config.lr()), executor);
        SplittableRandom rng = new SplittableRandom(seed);
        users.initialise(parameters.values(), rng);
        items.initialise(parameters.values(), rng);
        userWeights = users.zeros();
        itemWeights = items.zeros();
        userGradients = new Linear.Weights[WORK_CHUNKS];
        itemGradients = new Linear.Weights[WORK_CHUNKS];
        workspaces = new float[WORK_CHUNKS][][];
        for (int c = 0; c < WORK_CHUNKS; c++) {
            userGradients[c] = users.zeros();
            itemGradients[c] = items.zeros();
            workspaces[c] = users.workspace();
        }
        entities = new BatchEntities(train.numUsers(), train.numItems(), studentDim);
        mark = new boolean[Math.max(train.numUsers(), train.numItems())];
    }

    /** The projections and their gradients on the batch's entities, over the fixed work chunks. */
    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        computed = false;
        if (config.kdWeight() == 0) {
            return;
        }
        if (parameters == null) {
            throw new IllegalStateException("FitNet not started: call startEpoch before the first batch");
        }
        if (emb.dim() != users.studentDim()) {
            throw new IllegalArgumentException("fitnet: student embeddings have dimension " + emb.dim() + ", the projectors map "
                    + users.studentDim() + " -> " + users.teacherDim());
        }
        entities.clear();
        entities.addBatch(batch, config.kdWeight(), mark);
        entities.seal();
        users.layer().unpack(parameters.values(), userWeights);
        items.layer().unpack(parameters.values(), itemWeights);
        executor.run(WORK_CHUNKS, c -> {
            int end = entities.workFrom(c + 1, WORK_CHUNKS);
            for (int k = entities.workFrom(c, WORK_CHUNKS); k < end; k++) {
                boolean user = entities.isUser(k);
                int id = entities.id(k);
                LinearProjection p = user ? users : items;
                float[] s = user ? emb.users().data() : emb.items().data();
                float[] t = user ? teacher.users().data() : teacher.items().data();
                double loss = p.lossAndGradient(user ? userWeights : itemWeights, s, id * emb.dim(), t, id * p.teacherDim(), entities.weight(k),
                        user ? userGradients[c] : itemGradients[c], entities.gradients(), entities.gradientOffset(k), workspaces[c]);
                entities.setLoss(k, loss);
            }
        });
        parameters.clearGradient();
        for (int c = 0; c < WORK_CHUNKS; c++) { // chunk order, users then items
            users.layer().addTo(userGradients[c], parameters.gradient());
            userGradients[c].clear();
            items.layer().addTo(itemGradients[c], parameters.gradient());
            itemGradients[c].clear();
        }
        computed = true;
    }

    @Override
    public void afterBatch(Batch batch) {
        if (computed) {
            parameters.step();
            computed = false;
        }
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        return computed ? entities.emit(batch, from, to, log) : 0;
    }
}
