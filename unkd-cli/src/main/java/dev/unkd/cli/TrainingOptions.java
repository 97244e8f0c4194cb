package dev.unkd.cli;

import dev.unkd.eval.UserAveraging;
import dev.unkd.model.ModelSpec;
import dev.unkd.train.LearningRateSchedule;
import dev.unkd.train.NegativeSampling;
import dev.unkd.train.PairSampling;
import dev.unkd.train.TrainingConfig;
import picocli.CommandLine.Option;

/** Model and training-loop flags shared by train and distill (defaults: METHOD.md section 3). */
final class TrainingOptions {
    @Option(names = "--model", description = "mf or lightgcn (default: ${DEFAULT-VALUE}).")
    String model = "mf";

    @Option(names = "--dim", converter = Bounds.Dim.class, description = "Embedding dimension, 1..65536 (default: 100 for train, 10 for distill).")
    Integer dim;

    @Option(names = "--layers", converter = Bounds.NonNegative.class, description = "LightGCN propagation layers (default: ${DEFAULT-VALUE}).")
    int layers = 2;

    @Option(names = "--keep-prob", description = "LightGCN edge keep probability during training (1 = no edge dropout, default).")
    double keepProb = 1.0;

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 0.01;

    @Option(names = "--decay", description = "L2 weight on the batch's layer-0 embeddings (default: ${DEFAULT-VALUE}).")
    double decay = 0.01;

    @Option(names = "--batch", converter = Bounds.Batch.class, description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = 2048;

    @Option(names = "--epochs", converter = Bounds.Positive.class, description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 1000;

    @Option(names = "--eval-every", converter = Bounds.Positive.class, description = "Validate every N epochs (default: ${DEFAULT-VALUE}).")
    int evalEvery = 5;

    @Option(names = "--patience", converter = Bounds.Positive.class, description = "Stop after N validations without improvement of NDCG@20 (default: ${DEFAULT-VALUE}).")
    int patience = 20;

    @Option(names = "--averaging", converter = AveragingConverter.class, paramLabel = "held-out-users|all-users",
            description = AveragingConverter.DESCRIPTION + " Validation (the kept epoch) uses it too.")
    UserAveraging averaging = UserAveraging.HELD_OUT_USERS;

    @Option(names = "--dense-adam", description = "Update every row at every step (PyTorch's loop) instead of the equivalent lazy closed form.")
    boolean denseAdam;

    @Option(names = "--sampling", converter = SamplingConverter.class, paramLabel = "interactions|users",
            description = "Training pairs per epoch: every interaction once (interactions, default) or as many draws of a uniform user"
                    + " and one of its items (users, the LightGCN and UnKD authors' sampler; a stronger MF teacher on CiteULike).")
    PairSampling sampling = PairSampling.INTERACTIONS;

    @Option(names = "--lr-schedule", converter = ScheduleConverter.class, paramLabel = "constant|plateau:F:P:MIN",
            description = "constant (default), or plateau:FACTOR:PATIENCE:MIN_LR: multiply the rate by FACTOR after PATIENCE validations"
                    + " without improvement, down to MIN_LR; the stopping patience restarts at each reduction (e.g. --lr 0.01"
                    + " --lr-schedule plateau:0.1:2:0.001).")
    LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;

    @Option(names = "--negatives", converter = NegativesConverter.class, paramLabel = "uniform|popularity[:SHARE]",
            description = "BPR's negative items: uniform (default), popularity (proportional to training popularity, as the implicit"
                    + " library's BPR), or popularity:SHARE, that share of the draws by popularity and the rest uniform.")
    NegativeSampling negatives = NegativeSampling.UNIFORM;

    TrainingConfig config(long seed) {
        return new TrainingConfig(lr, decay, batch, epochs, evalEvery, patience, seed, !denseAdam, TrainingConfig.DEFAULT_SELECT_METRIC,
                sampling, schedule, negatives);
    }

    /** Sets the command's default dimension when --dim was not given. */
    TrainingOptions defaultDim(int d) {
        if (dim == null) {
            dim = d;
        }
        return this;
    }

    ModelSpec spec() {
        if (!"mf".equals(model) && !"lightgcn".equals(model)) {
            throw new IllegalArgumentException("Invalid --model: '" + model + "' (expected mf or lightgcn)");
        }
        return new ModelSpec(model, dim, "mf".equals(model) ? 0 : layers, "mf".equals(model) ? 1.0 : keepProb);
    }

    /** "mf-100", "lightgcn-64": the name progress bars and tables show. */
    String label() {
        return model + "-" + dim;
    }
}
