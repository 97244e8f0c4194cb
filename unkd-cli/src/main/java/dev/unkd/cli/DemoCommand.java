package dev.unkd.cli;

import dev.unkd.experiment.ExperimentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code unkd demo}: the main job in about a minute: a small experiment on the built-in
 * synthetic data (an MF-100 teacher; MF-10 students without KD, with RD, CD and UnKD; one seed),
 * with the same outputs as {@code unkd experiment}. Its config is the class-path resource
 * {@code dev/unkd/experiment/demo.yaml}, so it needs no data files.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A small experiment on the built-in synthetic data (about a minute): MF-100 teacher, MF-10 students with no KD,",
            "RD, CD and UnKD, one seed. Prints the tables and writes results.csv, results.md and report.html (with plots) into --out."})
final class DemoCommand implements Callable<Integer> {
    static final String CONFIG = "/dev/unkd/experiment/demo.yaml";

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: a new ./unkd-demo-YYYYMMDD-HHMMSS).")
    Path out;

    @Option(names = "--threads", converter = Bounds.Threads.class,
            description = "Worker threads, 1..1024 (default: all processors). Results do not depend on it.")
    int threads = Bounds.defaultThreads();

    @Option(names = {"-q", "--quiet"}, description = "Only the final tables; no progress.")
    boolean quiet;

    @Option(names = "--progress", description = "bars, lines or auto (default: ${DEFAULT-VALUE}).")
    String progress = "auto";

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Path.of("unkd-demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        OutputPaths.directory(dir, "--out");
        System.out.println("unkd demo: writing into " + dir.toAbsolutePath().normalize());
        return ExperimentCommand.run(config(), dir, false, threads, 1, quiet, progress);
    }

    static ExperimentConfig config() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(CONFIG)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(CONFIG + " is missing from the jar"));
            }
            return ExperimentConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true, Path.of("."));
        }
    }
}
