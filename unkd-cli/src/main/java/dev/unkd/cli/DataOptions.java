package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.data.SplitDirectory;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data comes from: a split directory, a raw file (read, filtered and split) or the built-in synthetic set. */
final class DataOptions {
    @Option(names = "--data", description = "A split directory (train.txt, valid.txt, test.txt), a raw interaction file, or 'synthetic' (default).")
    String data = "synthetic";

    @Option(names = "--format", description = "Raw file format: citeulike, pairs, userlines, movielens, jsonl, csv (default: detect).")
    String format;

    Dataset load(long seed) throws IOException {
        Path path = Path.of(data);
        if (SplitDirectory.isSplitDirectory(path)) {
            return SplitDirectory.read(path);
        }
        throw new IllegalArgumentException(data + ": not a split directory (expected train.txt and test.txt)");
    }
}
