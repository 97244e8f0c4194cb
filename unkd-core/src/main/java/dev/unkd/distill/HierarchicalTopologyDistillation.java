package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.GumbelSoftmax;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * HTD, hierarchical topology distillation (Kang, Hwang, Kweon, Yu, <i>Topology Distillation for
 * Recommender System</i>, KDD 2021, section 4.2), batch-level as in the authors' code
 * ({@code run_HTD}) and the UnKD authors' copy; constants in {@link HtdConfig}. On every batch,
 * over the distinct users U and the distinct items I (positives and negatives) of the batch:
 * <ul>
 *   <li>group assignment, GA: per side a gate (linear layer + softmax) on the teacher embedding
 *       selects, by Gumbel-softmax, among K reconstruction networks, and
 *       L_GA = sum over U and I of |t - sum_k z_k f_k(s)|^2 ({@link MixtureOfExperts});</li>
 *   <li>topology, TD: every entity is put in the group of its gate's largest output (users in
 *       0..K-1, items in K..2K-1, no gradient); with cos the cosine similarity, s the student's
 *       and t the teacher's embeddings, the entity level sums over ordered pairs (a, b) of the same
 *       group with cos(t_a, t_b) &gt; 0 the term (cos(s_a, s_b) - cos(t_a, t_b))^2, and the group
 *       level sums over entities e and the batch's group prototypes g (the mean embedding of the
 *       group's entities, a constant for the gradient, as the code's {@code no_grad}) the term
 *       (cos(P^s_g, s_e) - cos(P^t_g, t_e))^2, over the groups other than e's own or all of them
 *       ({@link PrototypeRelations}).</li>
 * </ul>
 * The term is kdWeight * (alpha * L_TD + (1 - alpha) * L_GA). The gradients of the student's
 * embeddings follow from those sums exactly; the gates and reconstruction networks are this
 * distiller's parameters, created at the first epoch, stepped by their own Adam after every batch.
 * HTD uses the student's and the teacher's final embeddings (for MF, their parameters).
 *
 * <p>Cost per batch: GA as {@link MixtureOfExperts} over |U| + |I| entities (few experts each at
 * temperature 0.1 thanks to the cutoff), plus O(sum over groups of size^2 x (student + teacher dim))
 * for the entity level and O((|U| + |I|) x groups x dim) for the group level. Deterministic: the
 * work runs over {@value #WORK_CHUNKS} fixed chunks, parameter gradients are summed in chunk order.
 */
public final class HierarchicalTopologyDistillation extends DistillerBase {
    static final int WORK_CHUNKS = UserItemExperts.WORK_CHUNKS;
    private static final long STREAM = 0x485444L; // "HTD"

    private final HtdConfig config;
    private final Interactions train;
    private final Embeddings teacher;

    private ChunkedExecutor executor;
    private long noiseSeed;
    private UserItemExperts groupNetworks;
    private BatchEntities entities;
    private boolean[] mark;
    private volatile boolean computed;
    private boolean freezeGroups;

    private int studentDim;
    private BatchTopology topology;
    private BatchTopology.Scratch[] scratch;
    /** Per unit of the batch, the gate's largest output (its group within its side). */
    private int[] strongest = new int[0];

    public HierarchicalTopologyDistillation(HtdConfig config, Interactions train, Embeddings teacher) {
        super(config, 0); // no teacher ranking to prepare
        if (teacher.users().rows() != train.numUsers() || teacher.items().rows() != train.numItems()) {
            throw new IllegalArgumentException("teacher embeddings are " + teacher.users().rows() + " users x " + teacher.items().rows()
                    + " items, data has " + train.numUsers() + " x " + train.numItems());
        }
        this.config = config;
        this.train = train;
        this.teacher = teacher;
    }

    public HtdConfig config() {
        return config;
    }

    /** The gates and reconstruction networks (empty before the first epoch). */
    public Optional<TrainableParameters> parameters() {
        return Optional.ofNullable(groupNetworks).map(UserItemExperts::parameters);
    }

    public Optional<MixtureOfExperts> userGroups() {
        return Optional.ofNullable(groupNetworks).map(UserItemExperts::users);
    }

    public Optional<MixtureOfExperts> itemGroups() {
        return Optional.ofNullable(groupNetworks).map(UserItemExperts::items);
    }

    /**
     * Keeps the group assignment and prototypes of the last batch instead of recomputing them (for
     * gradient checks: the code treats them as constants, so only with them fixed does a finite
     * difference see the gradient it computes).
     */
    void freezeGroups(boolean freeze) {
        this.freezeGroups = freeze;
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        executor = context.executor();
        noiseSeed = Seeds.derive(context.seed(), STREAM, 1);
        if (groupNetworks == null) {
            create(context.model().dim(), Seeds.derive(context.seed(), STREAM, 0));
        }
        epochStarted(start);
    }

    private void create(int dim, long seed) {
        studentDim = dim;
        int teacherDim = teacher.dim();
        groupNetworks = new UserItemExperts(dim, HtdConfig.hiddenWidth(dim, teacherDim), teacherDim, config.groups(), config.activation(),
                new GumbelSoftmax(config.gateTemperature(), 1e-10), config.expertCutoff(), config.lr(), seed, executor);
        entities = new BatchEntities(train.numUsers(), train.numItems(), dim);
        mark = new boolean[Math.max(train.numUsers(), train.numItems())];
        topology = new BatchTopology(2 * config.groups(), dim, teacherDim);
        scratch = new BatchTopology.Scratch[WORK_CHUNKS];
        for (int c = 0; c < WORK_CHUNKS; c++) {
            scratch[c] = topology.scratch();
        }
    }

    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        computed = false;
        if (config.kdWeight() == 0) {
            return;
        }
        if (groupNetworks == null) {
            throw new IllegalStateException("HTD not started: call startEpoch before the first batch");
        }
        if (emb.dim() != studentDim) {
            throw new IllegalArgumentException("student dim " + emb.dim() + " differs from HTD's " + studentDim);
        }
        if (!freezeGroups) {
            entities.clear();
            addDistinct(batch.users(), batch.size(), true);
            unmark(batch.users(), batch.size());
            addDistinct(batch.positives(), batch.size(), false);
            addDistinct(batch.negatives(), batch.size(), false);
            unmark(batch.positives(), batch.size());
            unmark(batch.negatives(), batch.size());
            entities.seal();
        }
        entities.clearResults();
        topology.ensureCapacity(entities.size());
        groupNetworks.unpack();
        if (strongest.length < entities.size()) {
            strongest = new int[Math.max(entities.size(), 2 * strongest.length)];
        }
        executor.run(WORK_CHUNKS, c -> assignAndReconstruct(c, batch, emb));
        if (!freezeGroups) {
            topology.buildGroups();
        }
        topology.layOut();
        if (config.alpha() > 0) {
            executor.run(WORK_CHUNKS, this::topologyTerms);
        }
        groupNetworks.reduceGradients();
        computed = true;
    }

    /** Each distinct id once; the marks are cleared by {@link #unmark}. */
    private void addDistinct(int[] ids, int n, boolean users) {
        for (int b = 0; b < n; b++) {
            if (!mark[ids[b]]) {
                mark[ids[b]] = true;
                if (users) {
                    entities.addUser(ids[b], 0);
                } else {
                    entities.addItem(ids[b], 0);
                }
            }
        }
    }

    private void unmark(int[] ids, int n) {
        for (int b = 0; b < n; b++) {
            mark[ids[b]] = false;
        }
    }

    /**
     * Chunk c's units: unit-length embeddings, GA (in tiles; its gates give each unit's group, the
     * largest output, without gradient, unless frozen) and their GA losses and gradients.
     */
    private void assignAndReconstruct(int c, Batch batch, Embeddings emb) {
        int sd = studentDim;
        int td = teacher.dim();
        int from = entities.workFrom(c, WORK_CHUNKS);
        int end = entities.workFrom(c + 1, WORK_CHUNKS);
        for (int k = from; k < end; k++) {
            boolean user = entities.isUser(k);
            int id = entities.id(k);
            topology.setUnit(k, user ? emb.users().data() : emb.items().data(), id * sd, user ? teacher.users().data() : teacher.items().data(),
                    id * td);
        }
        double gaWeight = config.kdWeight() * (1 - config.alpha());
        if (gaWeight > 0) {
            groupNetworks.reconstruct(c, entities, emb, teacher, batch, noiseSeed, k -> gaWeight, strongest);
        } else if (!freezeGroups) {
            MixtureOfExperts.Workspace ws = groupNetworks.rowWorkspace(c);
            for (int k = from; k < end; k++) {
                boolean user = entities.isUser(k);
                float[] p = groupNetworks.side(user).selectionProbabilities(groupNetworks.weights(user),
                        user ? teacher.users().data() : teacher.items().data(), entities.id(k) * td, ws);
                strongest[k] = 0;
                for (int g = 1; g < p.length; g++) {
                    if (p[g] > p[strongest[k]]) {
                        strongest[k] = g; // ties: the first, as torch.max
                    }
                }
            }
        }
        if (!freezeGroups) {
            for (int k = from; k < end; k++) {
                topology.setGroup(k, entities.isUser(k) ? strongest[k] : config.groups() + strongest[k]);
            }
        }
    }

    /** TD for chunk c's units, added to their losses and student gradients (after GA's). */
    private void topologyTerms(int c) {
        double tdWeight = config.kdWeight() * config.alpha();
        float[] out = entities.gradients();
        int end = entities.workFrom(c + 1, WORK_CHUNKS);
        for (int k = entities.workFrom(c, WORK_CHUNKS); k < end; k++) {
            entities.addLoss(k, tdWeight * topology.unitLoss(k, config.prototypeRelations(), tdWeight, out, entities.gradientOffset(k), scratch[c]));
        }
    }

    @Override
    public void afterBatch(Batch batch) {
        if (computed && config.alpha() < 1) {
            groupNetworks.parameters().step();
        }
        computed = false;
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (config.kdWeight() == 0) {
            return 0;
        }
        if (!computed) {
            throw new IllegalStateException("HTD batch not prepared: the trainer calls beforeBatch before accumulate");
        }
        return entities.emit(batch, from, to, log);
    }

    /** Members per group of the last batch (users' groups first), for diagnostics. */
    public int[] groupSizes() {
        return topology.groupSizes();
    }
}
