package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.data.DatasetStats;
import dev.unkd.data.SplitDirectory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd data split}: reads, filters and splits a file into a split directory. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Read, filter and split interactions; write train.txt, valid.txt and test.txt (user<TAB>item, external ids).")
final class DataSplitCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, description = "Directory to write the split into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.directory(out, "--out");
        Dataset dataset = data.load(common.seed);
        if (dataset.train().size() == 0) {
            throw new IllegalArgumentException(data.data + ": the split has no training interactions");
        }
        if (dataset.test().size() == 0) {
            throw new IllegalArgumentException(data.data + ": the split has no test interactions (too few items per user?)");
        }
        SplitDirectory.write(dataset, out);
        if (!common.quiet) {
            System.out.print(DatasetStats.of(dataset, 4).toText());
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
