package dev.unkd.model;

import java.nio.file.Path;

/** A model file that cannot be used: names the file and the problem. */
public final class ModelFileException extends IllegalArgumentException {
    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
