package dev.unkd.cli;

import dev.unkd.data.DatasetStats;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd data stats}: sizes, density, popularity Gini and popularity groups. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print users, items, interactions per part, density, popularity Gini and the popularity groups.")
final class DataStatsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Option(names = "--groups", converter = Bounds.Positive.class, description = "Number of popularity groups (default: ${DEFAULT-VALUE}).")
    int groups = 4;

    @Override
    public Integer call() throws Exception {
        System.out.print(DatasetStats.of(data.load(common.seed), groups).toText());
        return 0;
    }
}
