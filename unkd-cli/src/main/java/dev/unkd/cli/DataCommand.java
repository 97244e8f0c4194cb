package dev.unkd.cli;

import picocli.CommandLine.Command;

/** {@code unkd data}: dataset statistics and splitting. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Read, filter, split and describe datasets.",
        subcommands = {})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: stats or split");
    }
}
