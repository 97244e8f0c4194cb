package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.GumbelSoftmax;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.ParameterLayout;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.AdamConfig;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Arrays;
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
public final class HierarchicalTopologyDistillation implements Distiller {
    static final int WORK_CHUNKS = 8;
    private static final long STREAM = 0x485444L; // "HTD"

    private final HtdConfig config;
    private final Interactions train;
    private final Embeddings teacher;
    private double lastEpochSeconds;

    private ChunkedExecutor executor;
    private long noiseSeed;
    private TrainableParameters parameters;
    private MixtureOfExperts userGroups;
    private MixtureOfExperts itemGroups;
    private MixtureOfExperts.Workspace[] workspaces;
    private float[][] noise;
    private BatchEntities entities;
    private boolean[] mark;
    private volatile boolean computed;
    private boolean freezeGroups;

    // the batch plan: per unit its group, unit-normalised embeddings and the student norm; per group its members and prototypes
    private int studentDim;
    private int[] group = new int[0];
    private float[] unitStudent = new float[0];
    private float[] unitTeacher = new float[0];
    private float[] studentNorm = new float[0];
    private int[] memberStart;
    private int[] members = new int[0];
    private float[] protoStudent;
    private float[] protoTeacher;
    private int[] presentGroups;
    private int numPresent;

    public HierarchicalTopologyDistillation(HtdConfig config, Interactions train, Embeddings teacher) {
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
        return Optional.ofNullable(parameters);
    }

    public Optional<MixtureOfExperts> userGroups() {
        return Optional.ofNullable(userGroups);
    }

    public Optional<MixtureOfExperts> itemGroups() {
        return Optional.ofNullable(itemGroups);
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
        if (parameters == null) {
            create(context.model().dim(), Seeds.derive(context.seed(), STREAM, 0));
        }
        lastEpochSeconds = (System.nanoTime() - start) / 1e9;
    }

    private void create(int dim, long seed) {
        studentDim = dim;
        int teacherDim = teacher.dim();
        int hidden = HtdConfig.hiddenWidth(dim, teacherDim);
        GumbelSoftmax relaxation = new GumbelSoftmax(config.gateTemperature(), 1e-10);
        ParameterLayout layout = new ParameterLayout();
        int k = config.groups();
        userGroups = new MixtureOfExperts(layout, dim, hidden, teacherDim, k, config.activation(), relaxation, config.expertCutoff());
        itemGroups = new MixtureOfExperts(layout, dim, hidden, teacherDim, k, config.activation(), relaxation, config.expertCutoff());
        parameters = new TrainableParameters(layout, WORK_CHUNKS, AdamConfig.of(config.lr()), executor);
        SplittableRandom rng = new SplittableRandom(seed);
        userGroups.initialise(parameters.values(), rng);
        itemGroups.initialise(parameters.values(), rng);
        workspaces = new MixtureOfExperts.Workspace[WORK_CHUNKS];
        noise = new float[WORK_CHUNKS][k];
        for (int c = 0; c < WORK_CHUNKS; c++) {
            workspaces[c] = userGroups.workspace();
        }
        entities = new BatchEntities(train.numUsers(), train.numItems(), dim);
        mark = new boolean[Math.max(train.numUsers(), train.numItems())];
        memberStart = new int[2 * k + 1];
        protoStudent = new float[2 * k * dim];
        protoTeacher = new float[2 * k * teacherDim];
        presentGroups = new int[2 * k];
    }

    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        computed = false;
        if (config.kdWeight() == 0) {
            return;
        }
        if (parameters == null) {
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
        int n = entities.size();
        ensureCapacity(n);
        executor.run(WORK_CHUNKS, c -> normalise(c, emb));
        if (!freezeGroups) {
            buildGroups(emb);
        }
        executor.run(WORK_CHUNKS, c -> work(c, batch, emb));
        parameters.reduce();
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

    private void ensureCapacity(int n) {
        if (group.length >= n) {
            return;
        }
        int cap = Math.max(n, group.length * 2);
        group = new int[cap];
        members = new int[cap];
        studentNorm = new float[cap];
        unitStudent = new float[Math.multiplyExact(cap, studentDim)];
        unitTeacher = new float[Math.multiplyExact(cap, teacher.dim())];
    }

    /** Unit-length copies of the student and teacher embeddings of chunk c's units, and (unless frozen) their groups. */
    private void normalise(int c, Embeddings emb) {
        int sd = studentDim;
        int td = teacher.dim();
        MixtureOfExperts.Workspace ws = workspaces[c];
        float[] w = parameters.values();
        int end = entities.workFrom(c + 1, WORK_CHUNKS);
        for (int k = entities.workFrom(c, WORK_CHUNKS); k < end; k++) {
            boolean user = entities.isUser(k);
            int id = entities.id(k);
            float[] s = user ? emb.users().data() : emb.items().data();
            float[] t = user ? teacher.users().data() : teacher.items().data();
            studentNorm[k] = unit(s, id * sd, sd, unitStudent, k * sd);
            unit(t, id * td, td, unitTeacher, k * td);
            if (!freezeGroups) {
                MixtureOfExperts gate = user ? userGroups : itemGroups;
                float[] p = gate.selectionProbabilities(w, t, id * td, ws);
                int best = 0;
                for (int g = 1; g < p.length; g++) {
                    if (p[g] > p[best]) {
                        best = g;
                    }
                }
                group[k] = user ? best : config.groups() + best;
            }
        }
    }

    /** Writes v / |v| to out and returns |v| (a zero vector stays zero). */
    private static float unit(float[] v, int off, int dim, float[] out, int outOff) {
        double sq = 0;
        for (int d = 0; d < dim; d++) {
            sq += (double) v[off + d] * v[off + d];
        }
        double norm = Math.sqrt(sq);
        float inv = norm > 0 ? (float) (1 / norm) : 0f;
        for (int d = 0; d < dim; d++) {
            out[outOff + d] = v[off + d] * inv;
        }
        return (float) norm;
    }

    /** Members of every group (in unit order) and the unit-length prototypes of the groups present. */
    private void buildGroups(Embeddings emb) {
        int groups = 2 * config.groups();
        int n = entities.size();
        int sd = studentDim;
        int td = teacher.dim();
        Arrays.fill(memberStart, 0);
        for (int k = 0; k < n; k++) {
            memberStart[group[k] + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            memberStart[g + 1] += memberStart[g];
        }
        int[] fill = Arrays.copyOf(memberStart, groups);
        for (int k = 0; k < n; k++) {
            members[fill[group[k]]++] = k;
        }
        numPresent = 0;
        double[] ps = new double[sd];
        double[] pt = new double[td];
        for (int g = 0; g < groups; g++) {
            int from = memberStart[g];
            int to = memberStart[g + 1];
            if (from == to) {
                continue;
            }
            presentGroups[numPresent++] = g;
            Arrays.fill(ps, 0);
            Arrays.fill(pt, 0);
            for (int m = from; m < to; m++) {
                int k = members[m];
                boolean user = entities.isUser(k);
                int id = entities.id(k);
                float[] s = user ? emb.users().data() : emb.items().data();
                float[] t = user ? teacher.users().data() : teacher.items().data();
                for (int d = 0; d < sd; d++) {
                    ps[d] += s[id * sd + d];
                }
                for (int d = 0; d < td; d++) {
                    pt[d] += t[id * td + d];
                }
            }
            // the mean's scale cancels in the cosine: normalise the sums
            float[] sumS = new float[sd];
            float[] sumT = new float[td];
            for (int d = 0; d < sd; d++) {
                sumS[d] = (float) ps[d];
            }
            for (int d = 0; d < td; d++) {
                sumT[d] = (float) pt[d];
            }
            unit(sumS, 0, sd, protoStudent, g * sd);
            unit(sumT, 0, td, protoTeacher, g * td);
        }
    }

    /** GA and TD for chunk c's units: their losses, student gradients and (GA) parameter gradients. */
    private void work(int c, Batch batch, Embeddings emb) {
        int sd = studentDim;
        int td = teacher.dim();
        double gaWeight = config.kdWeight() * (1 - config.alpha());
        double tdWeight = config.kdWeight() * config.alpha();
        MixtureOfExperts.Workspace ws = workspaces[c];
        float[] g = noise[c];
        float[] grad = parameters.chunkGradient(c);
        float[] w = parameters.values();
        float[] out = entities.gradients();
        int end = entities.workFrom(c + 1, WORK_CHUNKS);
        for (int k = entities.workFrom(c, WORK_CHUNKS); k < end; k++) {
            boolean user = entities.isUser(k);
            int id = entities.id(k);
            int gradOff = entities.gradientOffset(k);
            double loss = 0;
            if (gaWeight > 0) {
                GumbelSoftmax.sample(new SplittableRandom(Seeds.derive(noiseSeed, batch.epoch(), batch.index(), user ? 0 : 1, id)), g, 0,
                        g.length);
                MixtureOfExperts moe = user ? userGroups : itemGroups;
                float[] s = user ? emb.users().data() : emb.items().data();
                float[] t = user ? teacher.users().data() : teacher.items().data();
                loss += moe.lossAndGradient(w, s, id * sd, t, id * td, g, 0, gaWeight, grad, out, gradOff, ws);
            }
            if (tdWeight > 0) {
                loss += tdWeight * topology(k, tdWeight, out, gradOff);
            }
            entities.setLoss(k, loss);
        }
    }

    /**
     * Unit k's topology terms: its row of the entity-level sum and its group-level terms. Adds the
     * gradient of the whole TD sum w.r.t. s_k (times tdWeight) to out[off..). With u = s/|s|,
     * dcos(s_a, s_b)/ds_a = (u_b - cos u_a) / |s_a|; each unordered entity pair appears twice in
     * the sum, hence the factor 4 there and 2 at the group level.
     */
    private double topology(int k, double tdWeight, float[] out, int off) {
        int sd = studentDim;
        int td = teacher.dim();
        int gk = group[k];
        float norm = studentNorm[k];
        float[] direction = new float[sd];
        double loss = 0;
        int ak = k * sd;
        int tk = k * td;
        for (int m = memberStart[gk]; m < memberStart[gk + 1]; m++) {
            int b = members[m];
            float tc = dot(unitTeacher, tk, unitTeacher, b * td, td);
            if (!(tc > 0)) {
                continue; // the code keeps only pairs whose masked teacher similarity is positive
            }
            float sc = dot(unitStudent, ak, unitStudent, b * sd, sd);
            float diff = sc - tc;
            loss += (double) diff * diff;
            if (b != k) { // cos(s_k, s_k) = 1 has no gradient
                for (int d = 0; d < sd; d++) {
                    direction[d] += 2 * diff * (unitStudent[b * sd + d] - sc * unitStudent[ak + d]);
                }
            }
        }
        for (int p = 0; p < numPresent; p++) {
            int g = presentGroups[p];
            if (g == gk && config.prototypeRelations() == PrototypeRelations.OTHER_GROUPS) {
                continue;
            }
            float sc = dot(protoStudent, g * sd, unitStudent, ak, sd);
            float tc = dot(protoTeacher, g * td, unitTeacher, tk, td);
            float diff = sc - tc;
            loss += (double) diff * diff;
            for (int d = 0; d < sd; d++) {
                direction[d] += diff * (protoStudent[g * sd + d] - sc * unitStudent[ak + d]);
            }
        }
        if (norm > 0) {
            float scale = (float) (2 * tdWeight / norm);
            for (int d = 0; d < sd; d++) {
                out[off + d] += scale * direction[d];
            }
        }
        return loss;
    }

    private static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0;
        for (int d = 0; d < n; d++) {
            s += a[aOff + d] * b[bOff + d];
        }
        return s;
    }

    @Override
    public void afterBatch(Batch batch) {
        if (computed && config.alpha() < 1) {
            parameters.step();
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
        int groups = 2 * config.groups();
        int[] sizes = new int[groups];
        for (int g = 0; g < groups; g++) {
            sizes[g] = memberStart[g + 1] - memberStart[g];
        }
        return sizes;
    }

    @Override
    public String name() {
        return "htd";
    }

    @Override
    public DistillationMethod method() {
        return DistillationMethod.HTD;
    }

    @Override
    public double kdWeight() {
        return config.kdWeight();
    }

    @Override
    public double preparationSeconds() {
        return 0;
    }

    @Override
    public double lastEpochSeconds() {
        return lastEpochSeconds;
    }
}
