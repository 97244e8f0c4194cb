package dev.unkd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code unkd demo}: the main job on the built-in synthetic data. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Teacher, plain student and MostPopular on the built-in synthetic dataset (or --data).")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
