package dev.unkd.cli;

import dev.unkd.data.DataFormatException;
import dev.unkd.io.TextFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unkd} command line. Exit codes: 0 success, 1 usage error, 2 command error (bad input, failed run). */
@Command(name = "unkd", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Unbiased knowledge distillation for recommender systems (UnKD, Chen et al., WSDM 2023).",
        subcommands = {DemoCommand.class, ExperimentCommand.class, DataCommand.class, TrainCommand.class, DistillCommand.class, EvaluateCommand.class, BenchCommand.class, RecommendCommand.class, ExportCommand.class, ServeCommand.class})
public final class Main implements Runnable {
    public static final int USAGE = 1;
    public static final int FAILED = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (used by tests without exiting the JVM). */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> FAILED);
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("unkd: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("unkd: error: " + describe(ex));
            if (Boolean.getBoolean("unkd.stacktrace")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return FAILED;
        });
        return cli;
    }

    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException u) {
            ex = u.getCause();
        }
        if (ex instanceof NoSuchFileException n) {
            return n.getFile() + ": file not found";
        }
        if (ex instanceof DataFormatException || ex instanceof TextFileException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException) {
            return ex.getMessage();
        }
        if (ex instanceof IOException) {
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        return ex.toString();
    }
}
