package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import java.io.IOException;

/** Where an experiment's dataset comes from: an existing split, a raw file split here, or synthetic data. */
sealed interface DataSource permits SplitDirectorySource, RawFileSource, SyntheticSource {
    Dataset load(String name) throws IOException;

    /** One line for reports ("split directory ../data/citeulike"). */
    String describe();
}
