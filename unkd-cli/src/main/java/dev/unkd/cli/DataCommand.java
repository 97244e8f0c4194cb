package dev.unkd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code unkd data}: dataset statistics and splitting. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Read, filter, split and describe datasets.",
        subcommands = {DataStatsCommand.class, DataSplitCommand.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: stats or split");
    }
}
