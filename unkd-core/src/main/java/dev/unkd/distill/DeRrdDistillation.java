package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.GumbelSoftmax;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.ParameterLayout;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.AdamConfig;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import dev.unkd.train.Softplus;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * DE-RRD (Kang, Hwang, Kweon, Yu, CIKM 2020) as the UnKD authors run it as a baseline
 * ({@code sample.py: class RRD} with the {@code BPRMFExpert} student; constants in
 * {@link DeRrdConfig}). Two terms are added to the student's BPR + L2:
 * <ul>
 *   <li>RRD, kdWeight * mean over the batch rows (one per training triple) of
 *       {@link RelaxedRankingLoss} on the user's {@link RrdSamples}, on sigmoid student scores;</li>
 *   <li>DE, deWeight * the reconstruction loss of {@link MixtureOfExperts} (student embedding to
 *       teacher embedding, an expert mixture selected by a Gumbel-softmax gate on the teacher
 *       embedding), one block for users and one for items, averaged over the entities of
 *       {@link DeEntities}.</li>
 * </ul>
 * Sampling schedule: RRD samples are drawn at the first epoch and kept (the UnKD code draws them
 * once, at construction), or redrawn every epoch as the DE-RRD authors' code does
 * ({@link DeRrdConfig#redrawEveryEpoch()}). DE's Gumbel noise is fresh for every batch.
 *
 * <p>DE works on the batch's distinct entities ({@link BatchEntities}), each weighted by how often
 * it occurs, with one noise draw per entity and batch; the code draws one per occurrence, which
 * has the same expectation. Its experts and gates are parameters of this distiller, created at
 * the first epoch (when the student's dimension is known), initialised as PyTorch's
 * {@code nn.Linear} and stepped by their own Adam after every batch. DE uses the student's final
 * embeddings (for an MF student, its parameters) and the teacher's final embeddings.
 *
 * <p>Deterministic: samples and noise come from streams fixed by the seed, the epoch, the batch and
 * the entity; DE runs over {@value #WORK_CHUNKS} fixed work chunks whose parameter gradients are
 * summed in chunk order.
 */
public final class DeRrdDistillation extends DistillerBase {
    /** Fixed number of DE work chunks (and parameter-gradient buffers), whatever the thread count. */
    static final int WORK_CHUNKS = 8;
    private static final long STREAM = 0x44455252L; // "DERR"

    private final DeRrdConfig config;
    private final TeacherRanking top;
    private final Interactions train;
    private final Embeddings teacher;
    private final ExponentialRankLaw law;
    private volatile RrdSamples samples;

    private ChunkedExecutor executor;
    private long noiseSeed;
    private TrainableParameters parameters;
    private MixtureOfExperts userExperts;
    private MixtureOfExperts itemExperts;
    private MixtureOfExperts.Weights userWeights;
    private MixtureOfExperts.Weights itemWeights;
    private MixtureOfExperts.Weights[] userGradients;
    private MixtureOfExperts.Weights[] itemGradients;
    private MixtureOfExperts.Workspace[] workspaces;
    private float[][] noise;
    private BatchEntities entities;
    private boolean[] mark;
    private volatile boolean deComputed;

    /**
     * @param top the teacher's top-T unobserved items per user (a plain ranking)
     * @param teacher the teacher's final embeddings (DE reconstructs them)
     */
    public DeRrdDistillation(DeRrdConfig config, TeacherRanking top, Interactions train, Embeddings teacher, double preparationSeconds) {
        super(config, preparationSeconds);
        if (top.numGroups() != 1) {
            throw new IllegalArgumentException("RRD needs a plain teacher ranking (one list per user), got " + top.numGroups() + " groups");
        }
        if (teacher.users().rows() != train.numUsers() || teacher.items().rows() != train.numItems()) {
            throw new IllegalArgumentException("teacher embeddings are " + teacher.users().rows() + " users x " + teacher.items().rows()
                    + " items, data has " + train.numUsers() + " x " + train.numItems());
        }
        this.config = config;
        this.top = top;
        this.train = train;
        this.teacher = teacher;
        this.law = new ExponentialRankLaw(config.rankTemperature());
    }

    /** Ranks the teacher's top-T items per user and prepares the distiller. */
    public static DeRrdDistillation prepare(DeRrdConfig config, Scorer teacherScores, Embeddings teacher, Interactions train,
            ChunkedExecutor executor) {
        long start = System.nanoTime();
        TeacherRanking top = TeacherRanking.plain(teacherScores, train, config.topT(), executor);
        return new DeRrdDistillation(config, top, train, teacher, (System.nanoTime() - start) / 1e9);
    }

    public DeRrdConfig config() {
        return config;
    }

    /** The RRD samples in use (empty before the first epoch). */
    public Optional<RrdSamples> samples() {
        return Optional.ofNullable(samples);
    }

    /** DE's parameters (empty before the first epoch, or when deWeight is 0). */
    public Optional<TrainableParameters> parameters() {
        return Optional.ofNullable(parameters);
    }

    public Optional<MixtureOfExperts> userExperts() {
        return Optional.ofNullable(userExperts);
    }

    public Optional<MixtureOfExperts> itemExperts() {
        return Optional.ofNullable(itemExperts);
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        executor = context.executor();
        noiseSeed = Seeds.derive(context.seed(), STREAM, 1);
        if (parameters == null && config.deWeight() > 0) {
            createExperts(context.model().dim(), Seeds.derive(context.seed(), STREAM, 0));
        }
        if (samples == null || config.redrawEveryEpoch()) {
            samples = RrdSamples.draw(top, train, config.interesting(), config.uninteresting(), law, Seeds.derive(context.seed(), STREAM, 2),
                    executor);
        }
        epochStarted(start);
    }

    private void createExperts(int studentDim, long seed) {
        int teacherDim = teacher.dim();
        int hidden = DeRrdConfig.hiddenWidth(studentDim, teacherDim);
        GumbelSoftmax relaxation = new GumbelSoftmax(config.gateTemperature(), 1e-10);
        ParameterLayout layout = new ParameterLayout();
        userExperts = new MixtureOfExperts(layout, studentDim, hidden, teacherDim, config.experts(), config.activation(), relaxation, 0);
        itemExperts = new MixtureOfExperts(layout, studentDim, hidden, teacherDim, config.experts(), config.activation(), relaxation, 0);
        parameters = new TrainableParameters(layout, AdamConfig.of(config.lr()), executor);
        SplittableRandom rng = new SplittableRandom(seed);
        userExperts.initialise(parameters.values(), rng);
        itemExperts.initialise(parameters.values(), rng);
        userWeights = userExperts.zeros();
        itemWeights = itemExperts.zeros();
        userGradients = new MixtureOfExperts.Weights[WORK_CHUNKS];
        itemGradients = new MixtureOfExperts.Weights[WORK_CHUNKS];
        workspaces = new MixtureOfExperts.Workspace[WORK_CHUNKS];
        noise = new float[WORK_CHUNKS][config.experts()];
        for (int c = 0; c < WORK_CHUNKS; c++) {
            userGradients[c] = userExperts.zeros();
            itemGradients[c] = itemExperts.zeros();
            workspaces[c] = userExperts.workspace();
        }
        entities = new BatchEntities(train.numUsers(), train.numItems(), studentDim);
        mark = new boolean[Math.max(train.numUsers(), train.numItems())];
    }

    /** DE's forward and backward on the batch's entities, over the fixed work chunks. */
    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        deComputed = false;
        if (config.deWeight() == 0) {
            return;
        }
        if (parameters == null || samples == null) {
            throw new IllegalStateException("DE-RRD not started: call startEpoch before the first batch");
        }
        if (emb.dim() != userExperts.studentDim()) {
            throw new IllegalArgumentException("student dim " + emb.dim() + " differs from the experts' " + userExperts.studentDim());
        }
        entities.clear();
        switch (config.deEntities()) {
            case RRD_SAMPLES -> addRrdEntities(batch);
            case BATCH -> addBatchEntities(batch);
        }
        entities.seal();
        userExperts.unpack(parameters.values(), userWeights);
        itemExperts.unpack(parameters.values(), itemWeights);
        executor.run(WORK_CHUNKS, c -> {
            MixtureOfExperts.Workspace ws = workspaces[c];
            float[] g = noise[c];
            int end = entities.workFrom(c + 1, WORK_CHUNKS);
            for (int k = entities.workFrom(c, WORK_CHUNKS); k < end; k++) {
                boolean user = entities.isUser(k);
                int id = entities.id(k);
                GumbelSoftmax.sample(new SplittableRandom(Seeds.derive(noiseSeed, batch.epoch(), batch.index(), user ? 0 : 1, id)), g, 0,
                        g.length);
                MixtureOfExperts moe = user ? userExperts : itemExperts;
                float[] s = user ? emb.users().data() : emb.items().data();
                float[] t = user ? teacher.users().data() : teacher.items().data();
                double loss = moe.lossAndGradient(user ? userWeights : itemWeights, s, id * emb.dim(), t, id * moe.teacherDim(), g, 0,
                        entities.weight(k), user ? userGradients[c] : itemGradients[c], entities.gradients(), entities.gradientOffset(k), ws);
                entities.setLoss(k, loss);
            }
        });
        // chunk order, users then items: the same sums whatever the thread count
        parameters.clearGradient();
        for (int c = 0; c < WORK_CHUNKS; c++) {
            userExperts.addTo(userGradients[c], parameters.gradient());
            itemExperts.addTo(itemGradients[c], parameters.gradient());
        }
        deComputed = true;
    }

    /** UnKD's rows: each batch row's user, and its interesting and uninteresting items, each list type averaged over its rows. */
    private void addRrdEntities(Batch batch) {
        RrdSamples s = samples;
        long interestingRows = 0;
        long uninterestingRows = 0;
        for (int b = 0; b < batch.size(); b++) {
            interestingRows += s.interestingCount(batch.users()[b]);
            uninterestingRows += s.uninterestingCount(batch.users()[b]);
        }
        double userWeight = config.deWeight() / batch.size();
        double interestingWeight = interestingRows == 0 ? 0 : config.deWeight() / interestingRows;
        double uninterestingWeight = uninterestingRows == 0 ? 0 : config.deWeight() / uninterestingRows;
        for (int b = 0; b < batch.size(); b++) {
            int u = batch.users()[b];
            entities.addUser(u, userWeight);
            for (int j = 0; j < s.interestingCount(u); j++) {
                entities.addItem(s.interesting(u, j), interestingWeight);
            }
            for (int j = 0; j < s.uninterestingCount(u); j++) {
                entities.addItem(s.uninteresting(u, j), uninterestingWeight);
            }
        }
    }

    /** The DE authors' entities: distinct users, and the distinct positives and negatives at half weight each. */
    private void addBatchEntities(Batch batch) {
        int n = batch.size();
        int distinctUsers = distinct(batch.users(), n);
        int distinctPositives = distinct(batch.positives(), n);
        int distinctNegatives = distinct(batch.negatives(), n);
        for (int b = 0; b < n; b++) {
            int u = batch.users()[b];
            if (!mark[u]) {
                mark[u] = true;
                entities.addUser(u, config.deWeight() / distinctUsers);
            }
        }
        unmark(batch.users(), n);
        addDistinctItems(batch.positives(), n, 0.5 * config.deWeight() / distinctPositives);
        addDistinctItems(batch.negatives(), n, 0.5 * config.deWeight() / distinctNegatives);
    }

    private void addDistinctItems(int[] ids, int n, double weight) {
        for (int b = 0; b < n; b++) {
            if (!mark[ids[b]]) {
                mark[ids[b]] = true;
                entities.addItem(ids[b], weight);
            }
        }
        unmark(ids, n);
    }

    private int distinct(int[] ids, int n) {
        int count = 0;
        for (int b = 0; b < n; b++) {
            if (!mark[ids[b]]) {
                mark[ids[b]] = true;
                count++;
            }
        }
        unmark(ids, n);
        return count;
    }

    private void unmark(int[] ids, int n) {
        for (int b = 0; b < n; b++) {
            mark[ids[b]] = false;
        }
    }

    /** Steps DE's Adam with the gradient reduced in {@link #beforeBatch}. */
    @Override
    public void afterBatch(Batch batch) {
        if (deComputed) {
            parameters.step();
            deComputed = false;
        }
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        RrdSamples s = samples;
        if (s == null) {
            throw new IllegalStateException("RRD samples not drawn: call startEpoch before the first batch");
        }
        double loss = config.kdWeight() == 0 ? 0 : relaxedRanking(batch, from, to, emb, log, s);
        if (deComputed) {
            loss += entities.emit(batch, from, to, log);
        }
        return loss;
    }

    /** kdWeight / |batch| * sum over rows [from, to) of the relaxed ranking loss, with its gradients logged. */
    private double relaxedRanking(Batch batch, int from, int to, Embeddings emb, GradientLog log, RrdSamples s) {
        int dim = emb.dim();
        float[] p = emb.users().data();
        float[] q = emb.items().data();
        int k = s.k();
        int l = s.l();
        double[] x = new double[k];
        double[] y = new double[l];
        float[] dx = new float[k];
        float[] dy = new float[l];
        double[] slopeX = new double[k];
        double[] slopeY = new double[l];
        float[] userGrad = new float[dim];
        RelaxedRankingLoss.Scratch scratch = new RelaxedRankingLoss.Scratch();
        double scale = config.kdWeight() / batch.size();
        double loss = 0;
        for (int b = from; b < to; b++) {
            int u = batch.users()[b];
            int kc = s.interestingCount(u);
            if (kc == 0) {
                continue;
            }
            int lc = s.uninterestingCount(u);
            for (int j = 0; j < kc; j++) {
                slopeX[j] = studentScore(emb.score(u, s.interesting(u, j)), x, j);
            }
            for (int j = 0; j < lc; j++) {
                slopeY[j] = studentScore(emb.score(u, s.uninteresting(u, j)), y, j);
            }
            loss += RelaxedRankingLoss.lossAndGradient(x, kc, y, lc, dx, dy, scratch);
            Arrays.fill(userGrad, 0f);
            int pu = u * dim;
            for (int j = 0; j < kc; j++) {
                addPair(s.interesting(u, j), (float) (scale * dx[j] * slopeX[j]), p, pu, q, userGrad, log);
            }
            for (int j = 0; j < lc; j++) {
                addPair(s.uninteresting(u, j), (float) (scale * dy[j] * slopeY[j]), p, pu, q, userGrad, log);
            }
            log.addUser(u, userGrad, 0, 1f);
        }
        return scale * loss;
    }

    /** Writes the (sigmoid) score to out[j] and returns its derivative w.r.t. the raw score. */
    private double studentScore(float raw, double[] out, int j) {
        if (!config.sigmoidScores()) {
            out[j] = raw;
            return 1;
        }
        double sig = Softplus.sigmoid(raw);
        out[j] = sig;
        return sig * Softplus.sigmoid(-raw);
    }

    private static void addPair(int item, float g, float[] p, int pu, float[] q, float[] userGrad, GradientLog log) {
        if (g == 0) {
            return;
        }
        int dim = userGrad.length;
        int qi = item * dim;
        for (int d = 0; d < dim; d++) {
            userGrad[d] += g * q[qi + d];
        }
        log.addItem(item, p, pu, g);
    }
}
