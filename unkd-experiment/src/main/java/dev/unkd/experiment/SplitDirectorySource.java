package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.data.SplitDirectory;
import java.io.IOException;
import java.nio.file.Path;

/** A split on disk (train.txt, valid.txt, test.txt), read as is: the authors' CiteULike split, for instance. */
record SplitDirectorySource(Path dir) implements DataSource {
    @Override
    public Dataset load(String name) throws IOException {
        Dataset d = SplitDirectory.read(dir);
        return new Dataset(name, d.users(), d.items(), d.train(), d.valid(), d.test());
    }

    @Override
    public String describe() {
        return "split directory " + dir;
    }
}
