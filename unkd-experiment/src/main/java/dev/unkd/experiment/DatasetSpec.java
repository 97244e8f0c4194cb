package dev.unkd.experiment;

import java.util.Optional;

/**
 * A dataset of the experiment.
 *
 * @param name  its name in tables, file names and run keys
 * @param source where its data comes from
 * @param paper the dataset's name in the paper's tables ("CiteULike"), to print reference numbers
 */
record DatasetSpec(String name, DataSource source, Optional<String> paper) {
}
