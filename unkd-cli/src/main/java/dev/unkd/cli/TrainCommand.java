package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.train.BprObjective;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd train}: trains a teacher or a plain student with BPR, keeps the best model on validation. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a BPR model (MF or LightGCN); keep the epoch with the best validation NDCG@20; report test metrics.")
final class TrainCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        training.defaultDim(100);
        Dataset dataset = data.load(common.seed);
        StudentRun.run(common, data, training, dataset, List.of(new BprObjective(1.0)), Map.of(), out, json);
        return 0;
    }
}
