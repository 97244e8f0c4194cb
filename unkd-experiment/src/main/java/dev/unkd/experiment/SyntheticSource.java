package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.data.Splitter;
import dev.unkd.data.SyntheticData;

/** Synthetic power-law data generated in memory ({@link SyntheticData}), split with a fixed seed. */
record SyntheticSource(SyntheticData.Options options, Splitter splitter, String protocol, long splitSeed) implements DataSource {
    @Override
    public Dataset load(String name) {
        Dataset d = splitter.split(SyntheticData.generate(options), splitSeed);
        return new Dataset(name, d.users(), d.items(), d.train(), d.valid(), d.test());
    }

    @Override
    public String describe() {
        return "synthetic data (" + options.numUsers() + " users, " + options.numItems() + " items, rank " + options.rank()
                + ", seed " + options.seed() + "), split " + protocol + " with seed " + splitSeed;
    }
}
