package dev.unkd.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one interaction file format into an {@link InteractionLog}. Implementations fail on bad
 * input with a {@link DataFormatException} naming the file, the 1-based line and the problem.
 */
@FunctionalInterface
public interface InteractionReader {
    InteractionLog read(Path file) throws IOException;
}
