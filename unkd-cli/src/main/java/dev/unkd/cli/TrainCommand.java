package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.train.TrainingConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() throws Exception {
        StudentRun.checkOutputs(spec, out, json);
        training.defaultDim(100);
        Dataset dataset = data.load(common.seed);
        TrainingConfig config = training.config(common.seed);
        StudentRun.run(common, training, dataset, pipeline -> pdGamma == null ? pipeline.train(dataset, training.spec(), config)
                : pipeline.trainPd(dataset, training.spec(), config, pdGamma), out, json);
        return 0;
    }
}
