package dev.unkd.distill;

import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.distill.nn.ExpertBatch;
import dev.unkd.distill.nn.GumbelSoftmax;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.ParameterLayout;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.AdamConfig;
import dev.unkd.train.Batch;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * A {@link MixtureOfExperts} for users and one for items with their parameters, their Adam and
 * the buffers of {@value #WORK_CHUNKS} fixed work chunks: DE's experts ({@link DistillationExpertsTerm})
 * and HTD's group assignment ({@link HierarchicalTopologyDistillation}). Per batch: {@link #unpack}
 * the parameters, {@link #reconstruct} every work chunk of the batch's entities (in parallel), then
 * {@link #reduceGradients} in chunk order and, after the batch, {@link TrainableParameters#step()}.
 * Gumbel noise comes from a stream fixed by the seed, the epoch, the batch, the side and the entity,
 * so nothing depends on the thread count.
 */
final class UserItemExperts {
    /** Fixed number of work chunks (and parameter-gradient buffers), whatever the thread count. */
    static final int WORK_CHUNKS = 8;
    /** Entities per tile when every expert serves every entity (cutoff 0): each expert's columns stay in cache. */
    private static final int DENSE_TILE = 256;
    /** Entities per tile with a cutoff: each expert serves a few of them, so the tile is larger. */
    private static final int SPARSE_TILE = 1024;

    private final TrainableParameters parameters;
    private final MixtureOfExperts users;
    private final MixtureOfExperts items;
    private final MixtureOfExperts.Weights userWeights;
    private final MixtureOfExperts.Weights itemWeights;
    private final MixtureOfExperts.Weights[] userGradients = new MixtureOfExperts.Weights[WORK_CHUNKS];
    private final MixtureOfExperts.Weights[] itemGradients = new MixtureOfExperts.Weights[WORK_CHUNKS];
    private final MixtureOfExperts.Workspace[] rowWorkspaces = new MixtureOfExperts.Workspace[WORK_CHUNKS];
    /** One tile workspace per chunk, for either side (the blocks have the same shape). */
    private final ExpertBatch[] tiles = new ExpertBatch[WORK_CHUNKS];

    /** Both blocks (users' first), initialised as PyTorch's {@code nn.Linear} from {@code seed}. */
    UserItemExperts(int studentDim, int hidden, int teacherDim, int experts, ExpertActivation activation, GumbelSoftmax relaxation,
            double cutoff, double lr, long seed, ChunkedExecutor executor) {
        ParameterLayout layout = new ParameterLayout();
        users = new MixtureOfExperts(layout, studentDim, hidden, teacherDim, experts, activation, relaxation, cutoff);
        items = new MixtureOfExperts(layout, studentDim, hidden, teacherDim, experts, activation, relaxation, cutoff);
        parameters = new TrainableParameters(layout, AdamConfig.of(lr), executor);
        SplittableRandom rng = new SplittableRandom(seed);
        users.initialise(parameters.values(), rng);
        items.initialise(parameters.values(), rng);
        userWeights = users.zeros();
        itemWeights = items.zeros();
        int tile = cutoff > 0 ? SPARSE_TILE : DENSE_TILE;
        for (int c = 0; c < WORK_CHUNKS; c++) {
            userGradients[c] = users.zeros();
            itemGradients[c] = items.zeros();
            rowWorkspaces[c] = users.workspace();
            tiles[c] = users.batch(tile);
        }
    }

    TrainableParameters parameters() {
        return parameters;
    }

    MixtureOfExperts users() {
        return users;
    }

    MixtureOfExperts items() {
        return items;
    }

    MixtureOfExperts side(boolean user) {
        return user ? users : items;
    }

    /** The parameter snapshot of a side, as of the last {@link #unpack}. */
    MixtureOfExperts.Weights weights(boolean user) {
        return user ? userWeights : itemWeights;
    }

    /** Per-entity scratch of work chunk c (for {@link MixtureOfExperts#selectionProbabilities}). */
    MixtureOfExperts.Workspace rowWorkspace(int c) {
        return rowWorkspaces[c];
    }

    /** Refreshes both snapshots from the parameters (after every optimiser step). */
    void unpack() {
        users.unpack(parameters.values(), userWeights);
        items.unpack(parameters.values(), itemWeights);
    }

    /**
     * The reconstruction loss and gradients of work chunk c's units: sets each unit's loss, adds its
     * student gradient to the entities' gradient rows (which must be zero) and the parameter
     * gradients to chunk c's buffers. Units go in tiles of one side, in unit order.
     *
     * @param weight the loss weight of each unit
     * @param strongest if not null, receives per unit the expert of its gate's largest probability
     *     (ties: the first, as torch.max)
     */
    void reconstruct(int c, BatchEntities entities, Embeddings student, Embeddings teacher, Batch batch, long noiseSeed,
            IntToDoubleFunction weight, int[] strongest) {
        int sd = student.dim();
        int td = teacher.dim();
        float[] noise = new float[users.numExperts()];
        int end = entities.workFrom(c + 1, WORK_CHUNKS);
        int k = entities.workFrom(c, WORK_CHUNKS);
        while (k < end) {
            boolean user = entities.isUser(k);
            ExpertBatch tile = tiles[c];
            float[] s = user ? student.users().data() : student.items().data();
            float[] t = user ? teacher.users().data() : teacher.items().data();
            int stop = user ? Math.min(end, entities.numUsers()) : end;
            int first = k;
            tile.clear();
            for (; k < stop && !tile.isFull(); k++) {
                int id = entities.id(k);
                GumbelSoftmax.sample(new SplittableRandom(Seeds.derive(noiseSeed, batch.epoch(), batch.index(), user ? 0 : 1, id)), noise, 0,
                        noise.length);
                tile.add(s, id * sd, t, id * td, noise, 0, weight.applyAsDouble(k), entities.gradients(), entities.gradientOffset(k));
            }
            side(user).lossAndGradient(weights(user), tile, user ? userGradients[c] : itemGradients[c]);
            for (int q = first; q < k; q++) {
                entities.setLoss(q, tile.loss(q - first));
                if (strongest != null) {
                    strongest[q] = tile.strongestExpert(q - first);
                }
            }
        }
    }

    /** The parameter gradient of the chunks, summed in chunk order (users then items per chunk): the same whatever the thread count. */
    void reduceGradients() {
        parameters.clearGradient();
        for (int c = 0; c < WORK_CHUNKS; c++) {
            users.addTo(userGradients[c], parameters.gradient());
            items.addTo(itemGradients[c], parameters.gradient());
        }
    }
}
