package dev.unkd.cli;

import dev.unkd.parallel.ChunkedExecutor;
import picocli.CommandLine.Option;

/** Options every command takes: threads, seed, verbosity. */
final class CommonOptions {
    @Option(names = "--threads", converter = Bounds.Threads.class,
            description = "Worker threads, 1..1024 (default: all processors). Results do not depend on it.")
    int threads = Bounds.defaultThreads();

    @Option(names = "--seed", description = "Random seed of initialisation, shuffling and sampling (default: ${DEFAULT-VALUE}).")
    long seed = 2022;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars or tables on the terminal.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print version, JVM, processors and heap at start.")
    boolean verbose;

    private ChunkedExecutor executor;

    ChunkedExecutor executor() {
        if (executor == null) {
            executor = new ChunkedExecutor(threads);
            if (verbose) {
                for (String line : new Version().getVersion()) {
                    System.err.println(line);
                }
            }
        }
        return executor;
    }
}
