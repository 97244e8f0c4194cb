package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.data.DatasetLoader;
import dev.unkd.data.LoadOptions;
import java.io.IOException;
import java.nio.file.Path;

/** An interaction file read, filtered and split here ({@link DatasetLoader}), with a fixed split seed. */
record RawFileSource(Path file, LoadOptions options, String protocol) implements DataSource {
    @Override
    public Dataset load(String name) throws IOException {
        Dataset d = DatasetLoader.load(file, options);
        return new Dataset(name, d.users(), d.items(), d.train(), d.valid(), d.test());
    }

    @Override
    public String describe() {
        return "file " + file + " (" + options.format().map(f -> f.formatName()).orElse("format detected") + ", filter "
                + options.filter() + ", split " + protocol + ", split seed " + options.seed() + ")";
    }
}
