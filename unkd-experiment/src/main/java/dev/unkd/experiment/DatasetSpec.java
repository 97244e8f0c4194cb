package dev.unkd.experiment;

import dev.unkd.eval.UserAveraging;
import java.util.Optional;

/**
 * A dataset of the experiment.
 *
 * @param name  its name in tables, file names and run keys
 * @param source where its data comes from
 * @param paper the dataset's name in the paper's tables ("CiteULike"), to print reference numbers
 * @param averaging whom its per-user accuracy metrics are averaged over (all users under the
 *     {@code kds} protocol unless the entry says otherwise, else the users with held-out items)
 */
record DatasetSpec(String name, DataSource source, Optional<String> paper, UserAveraging averaging) {
    /** The source's line for reports, saying the averaging when it is not the default. */
    String describe() {
        return source.describe() + (averaging == UserAveraging.ALL_USERS
                ? "; accuracy averaged over all users, those without held-out items counting as 0 (KDs)" : "");
    }
}
