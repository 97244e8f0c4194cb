package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.model.ModelCheckpoints;
import dev.unkd.pipeline.CheckpointPlan;
import dev.unkd.pipeline.Pipeline;
import dev.unkd.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code unkd train}: trains a teacher or a plain student with BPR, keeps the best model on validation. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a BPR model (MF or LightGCN); keep the epoch with the best validation NDCG@20; report test metrics.")
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;
    @Mixin
    TrainingOptions training;

    @Option(names = "--out", description = "Model file to write.")
    Path out;

    @Option(names = "--json", description = "Metrics JSON to write.")
    Path json;

    @Option(names = "--pd-gamma", paramLabel = "G", description = "Train a popularity-deconfounded (PD) teacher: BPR on"
            + " (ReLU(s) + 1) * w_i with w_i = ((pop_i + 1) / total)^G (UnKD code's PDA; G = 1 is its default); scores stay s."
            + " Distilling it with cd or htd gives PD-CD and PD-HTD.")
    Double pdGamma;

    @Option(names = "--checkpoints", split = ",", paramLabel = "E1,E2,...", description = "Also save the model after these epochs"
            + " (its training trajectory, which 'distill --method hetcomp' distils from), in --checkpoint-dir.")
    List<Integer> checkpoints;

    @Option(names = "--checkpoint-every", paramLabel = "N", converter = Bounds.Positive.class,
            description = "Also save the model after every N-th epoch, in --checkpoint-dir.")
    Integer checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Directory of the checkpoint files epoch-E.unkd (default: next to"
            + " --out, t.unkd -> t.checkpoints).")
    Path checkpointDir;

    @Override
    public Integer call() throws Exception {
        StudentRun.checkOutputs(spec, out, json);
        training.defaultDim(100);
        CheckpointPlan plan = checkpointPlan();
        Dataset dataset = data.load(common.seed);
        TrainingConfig config = training.config(common.seed);
        StudentRun.run(common, training, dataset, pipeline -> {
            Pipeline p = plan == null ? pipeline : pipeline.withCheckpoints(plan);
            return pdGamma == null ? p.train(dataset, training.spec(), config) : p.trainPd(dataset, training.spec(), config, pdGamma);
        }, out, json);
        return 0;
    }

    /** The checkpoints asked for, or null. */
    private CheckpointPlan checkpointPlan() {
        if (checkpoints == null && checkpointEvery == null) {
            if (checkpointDir != null) {
                throw new ParameterException(spec.commandLine(), "--checkpoint-dir needs --checkpoints or --checkpoint-every");
            }
            return null;
        }
        Path dir = checkpointDir;
        if (dir == null) {
            if (out == null) {
                throw new ParameterException(spec.commandLine(), "checkpoints need --out (they go next to it) or --checkpoint-dir");
            }
            dir = ModelCheckpoints.directoryFor(out);
        }
        for (int e : checkpoints == null ? List.<Integer>of() : checkpoints) {
            if (e < 1 || e > training.epochs) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--checkpoints': " + e + " (epochs count from 1 to"
                        + " --epochs, " + training.epochs + ")");
            }
        }
        return new CheckpointPlan(new TreeSet<>(checkpoints == null ? List.of() : checkpoints), checkpointEvery == null ? 0 : checkpointEvery,
                dir);
    }
}
