package dev.unkd.cli;

import dev.unkd.experiment.ConsoleProgress;
import dev.unkd.experiment.ExperimentConfig;
import dev.unkd.experiment.ExperimentReport;
import dev.unkd.experiment.ExperimentResults;
import dev.unkd.experiment.ExperimentRunner;
import dev.unkd.parallel.ChunkedExecutor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unkd experiment}: a whole comparison from a config file, with results tables and a report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run a comparison grid from a YAML or JSON config (datasets, teachers, students, methods with parameter",
            "grids, seeds) and write results.csv, search.csv, results.md and report.html (with PNG plots) into --out.",
            "Teachers are cached in OUT/cache and finished runs in OUT/runs: a rerun does only what is missing.",
            "Exit code 2 when some run failed (the others still ran and are reported). Format: configs/README.md."})
final class ExperimentCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The experiment config (.yaml, .yml or .json).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ./NAME where NAME is the config file's name without extension).")
    Path out;

    @Option(names = "--force", description = "Retrain every student run even when a stored result exists (teachers stay cached).")
    boolean force;

    @Option(names = "--dry-run", description = "Check the config and print the plan (runs per row) without training.")
    boolean dryRun;

    @Option(names = "--threads", converter = Bounds.Threads.class,
            description = "Worker threads, 1..1024 (default: all processors). Results do not depend on it.")
    int threads = Bounds.defaultThreads();

    @Option(names = "--parallel-runs", converter = Bounds.Threads.class, paramLabel = "N",
            description = "Student runs trained at once, each on threads/N threads (default: 2 when --threads is 2 or more and --progress is not bars, else 1: "
            + "side by side, two small students finish a grid 1.3-1.6x sooner than one on both cores). Results do not depend on it; "
            + "memory grows with N.")
    Integer parallelRuns;

    @Option(names = {"-q", "--quiet"}, description = "Only the final tables; no progress lines or bars.")
    boolean quiet;

    @Option(names = "--progress", description = "Progress display: bars (a bar per run), lines (a line per run, for logs) or auto "
            + "(bars on a terminal; default: ${DEFAULT-VALUE}).")
    String progress = "auto";

    @Override
    public Integer call() throws Exception {
        ExperimentConfig cfg = ExperimentConfig.read(config);
        Path dir = out != null ? out : Path.of(config.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        OutputPaths.directory(dir, "--out");
        if (dryRun) {
            System.out.print(ExperimentRunner.plan(cfg));
            return 0;
        }
        // asked-for bars show one run at a time
        int parallel = parallelRuns != null ? parallelRuns : "bars".equals(progress) ? 1 : Math.min(2, threads);
        return run(cfg, dir, force, threads, parallel, quiet, progress);
    }

    /** Runs a parsed experiment into {@code dir}, prints the tables; shared with {@code unkd demo}. */
    static int run(ExperimentConfig cfg, Path dir, boolean force, int threads, int parallelRuns, boolean quiet, String progress)
            throws Exception {
        if (parallelRuns > threads) {
            throw new IllegalArgumentException("--parallel-runs " + parallelRuns + " exceeds --threads " + threads
                    + ": each run needs a thread of its own");
        }
        try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
            ExperimentResults results = new ExperimentRunner(cfg, dir, force, executor,
                    ConsoleProgress.create(System.err, quiet, progress, parallelRuns), parallelRuns).run();
            String tables = ExperimentReport.write(results, dir);
            System.out.println();
            System.out.print(tables);
            System.out.printf("%s: %d teacher(s) trained, %d run(s) trained, %d reused, %d failed, in %.1f s%n", cfg.name(),
                    results.teachersTrained(), results.runsTrained(), results.runsReused(), results.failures().size(), results.seconds());
            System.out.println("Report: " + dir.resolve("report.html").toAbsolutePath().normalize());
            System.out.println("Tables: " + dir.resolve("results.md").toAbsolutePath().normalize() + ", results.csv, search.csv");
            return results.failures().isEmpty() ? 0 : Main.FAILED;
        }
    }
}
