package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.distill.nn.GumbelSoftmax;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.Batch;
import dev.unkd.train.GradientLog;
import java.util.Optional;

/**
 * The DE half of DE-RRD (Kang et al., CIKM 2020, section 3.1), shared by {@link DeRrdDistillation}
 * and {@link DeDistillation}: weight * the reconstruction loss of a {@link MixtureOfExperts} per
 * side (student embedding to teacher embedding, experts selected by a Gumbel-softmax gate on the
 * teacher embedding) over a batch's entities ({@link DeEntities}), computed before the batch over
 * {@value #WORK_CHUNKS} fixed work chunks in tiles ({@link UserItemExperts}), and its own Adam
 * stepped after it.
 *
 * <p>The experts are created at the first epoch (when the student's dimension is known),
 * initialised as PyTorch's {@code nn.Linear}; Gumbel noise comes from a stream fixed by the seed,
 * the epoch, the batch and the entity, so nothing depends on the thread count.
 */
final class DistillationExpertsTerm {
    /** Fixed number of work chunks (and parameter-gradient buffers), whatever the thread count. */
    static final int WORK_CHUNKS = UserItemExperts.WORK_CHUNKS;

    private final Interactions train;
    private final Embeddings teacher;
    private final double weight;
    private final int numExperts;
    private final double gateTemperature;
    private final ExpertActivation activation;
    private final DeEntities deEntities;
    private final double lr;

    private ChunkedExecutor executor;
    private long noiseSeed;
    private UserItemExperts experts;
    private BatchEntities entities;
    private boolean[] mark;
    private volatile boolean computed;

    DistillationExpertsTerm(Interactions train, Embeddings teacher, double weight, int numExperts, double gateTemperature,
            ExpertActivation activation, DeEntities deEntities, double lr) {
        if (teacher.users().rows() != train.numUsers() || teacher.items().rows() != train.numItems()) {
            throw new IllegalArgumentException("teacher embeddings are " + teacher.users().rows() + " users x " + teacher.items().rows()
                    + " items, data has " + train.numUsers() + " x " + train.numItems());
        }
        this.train = train;
        this.teacher = teacher;
        this.weight = weight;
        this.numExperts = numExperts;
        this.gateTemperature = gateTemperature;
        this.activation = activation;
        this.deEntities = deEntities;
        this.lr = lr;
    }

    Optional<TrainableParameters> parameters() {
        return Optional.ofNullable(experts).map(UserItemExperts::parameters);
    }

    Optional<MixtureOfExperts> userExperts() {
        return Optional.ofNullable(experts).map(UserItemExperts::users);
    }

    Optional<MixtureOfExperts> itemExperts() {
        return Optional.ofNullable(experts).map(UserItemExperts::items);
    }

    /**
     * Called when an epoch starts: takes the executor and this epoch's noise seed, and creates the
     * experts with {@code initSeed} on the first call (nothing when the weight is 0).
     */
    void startEpoch(int studentDim, long initSeed, long noiseSeed, ChunkedExecutor executor) {
        this.executor = executor;
        this.noiseSeed = noiseSeed;
        if (experts == null && weight > 0) {
            create(studentDim, initSeed);
        }
    }

    private void create(int studentDim, long seed) {
        int teacherDim = teacher.dim();
        experts = new UserItemExperts(studentDim, DeRrdConfig.hiddenWidth(studentDim, teacherDim), teacherDim, numExperts, activation,
                new GumbelSoftmax(gateTemperature, 1e-10), 0, lr, seed, executor);
        entities = new BatchEntities(train.numUsers(), train.numItems(), studentDim);
        mark = new boolean[Math.max(train.numUsers(), train.numItems())];
    }

    /**
     * DE's forward and backward on the batch's entities; {@code rrd} holds the RRD samples when
     * the entities are {@link DeEntities#RRD_SAMPLES}.
     */
    void beforeBatch(Batch batch, Embeddings emb, RrdSamples rrd) {
        computed = false;
        if (weight == 0) {
            return;
        }
        if (experts == null) {
            throw new IllegalStateException("DE not started: call startEpoch before the first batch");
        }
        if (emb.dim() != experts.users().studentDim()) {
            throw new IllegalArgumentException("student dim " + emb.dim() + " differs from the experts' " + experts.users().studentDim());
        }
        entities.clear();
        switch (deEntities) {
            case RRD_SAMPLES -> addRrdEntities(batch, rrd);
            case BATCH -> entities.addBatch(batch, weight, mark);
        }
        entities.seal();
        experts.unpack();
        executor.run(UserItemExperts.WORK_CHUNKS, c -> experts.reconstruct(c, entities, emb, teacher, batch, noiseSeed, entities::weight, null));
        experts.reduceGradients();
        computed = true;
    }

    /** UnKD's rows: each batch row's user, and its interesting and uninteresting items, each list type averaged over its rows. */
    private void addRrdEntities(Batch batch, RrdSamples s) {
        if (s == null) {
            throw new IllegalStateException("DE on the RRD samples needs the RRD samples");
        }
        long interestingRows = 0;
        long uninterestingRows = 0;
        for (int b = 0; b < batch.size(); b++) {
            interestingRows += s.interestingCount(batch.users()[b]);
            uninterestingRows += s.uninterestingCount(batch.users()[b]);
        }
        double userWeight = weight / batch.size();
        double interestingWeight = interestingRows == 0 ? 0 : weight / interestingRows;
        double uninterestingWeight = uninterestingRows == 0 ? 0 : weight / uninterestingRows;
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

    /** The loss and student gradients of the units in the share of batch rows [from, to); 0 when not computed. */
    double emit(Batch batch, int from, int to, GradientLog log) {
        return computed ? entities.emit(batch, from, to, log) : 0;
    }

    /** Steps the experts' Adam with the gradient reduced in {@link #beforeBatch}. */
    void afterBatch() {
        if (computed) {
            experts.parameters().step();
            computed = false;
        }
    }
}
