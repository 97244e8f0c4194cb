package dev.unkd.cli;

import dev.unkd.eval.UserAveraging;

/** Reads {@code --averaging held-out-users|all-users}; a bad value is a usage error naming the choices. */
final class AveragingConverter extends ParsedConverter<UserAveraging> {
    /** The option's description, shared by evaluate, train and distill. */
    static final String DESCRIPTION = "Average the per-user accuracy metrics over held-out-users (users with validation or test"
            + " items; default) or all-users (every user, those without held-out items counting as 0, as the KDs benchmark);"
            + " all-users adds \"averagedUsers\" and \"averaging\" to the JSON.";

    AveragingConverter() {
        super(UserAveraging::parse);
    }
}
