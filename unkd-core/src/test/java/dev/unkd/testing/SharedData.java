package dev.unkd.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates ../shared/data (the real datasets). Tests using it are skipped when it is absent,
 * unless -Dunkd.requireSharedData=true (as in .ci/run), where absence fails the test.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path dir(String name) {
        Path root = Path.of(System.getProperty("unkd.sharedData", "../../shared/data"));
        Path dir = root.resolve(name);
        boolean present = Files.isDirectory(dir);
        if (Boolean.getBoolean("unkd.requireSharedData")) {
            if (!present) {
                throw new AssertionError("shared data required but missing: " + dir.toAbsolutePath());
            }
        } else {
            Assumptions.assumeTrue(present, "shared data not present: " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** True when slow end-to-end variants should run (-Dunkd.slowTests=true). */
    public static boolean slow() {
        return Boolean.getBoolean("unkd.slowTests");
    }
}
