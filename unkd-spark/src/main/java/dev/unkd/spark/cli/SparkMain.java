package dev.unkd.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code unkd spark ...}: the Spark jobs as their own command line, kept out of the small
 * {@code unkd} jar. Run with {@code spark-submit --class dev.unkd.spark.SparkMain} or
 * {@code java -cp} with this module's dependencies; {@code --master local[*]} by default.
 * Exit codes as {@code unkd}: 0 success, 1 usage error, 2 command error.
 */
@Command(name = "unkd spark", mixinStandardHelpOptions = true,
        description = "Teacher ranking, UnKD pair sampling and evaluation as Spark jobs.",
        subcommands = {TeacherRankingCommand.class, PairsCommand.class, EvaluateJobCommand.class, GenerateCommand.class})
public final class SparkMain implements Runnable {
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

    /** Runs a command and returns the exit code (tests call this without exiting the JVM). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("unkd spark: " + ex.getMessage());
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("unkd spark: error: " + (ex instanceof IllegalArgumentException ? ex.getMessage() : ex.toString()));
            if (Boolean.getBoolean("unkd.stacktrace")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return FAILED;
        });
        return cli.execute(args);
    }
}
