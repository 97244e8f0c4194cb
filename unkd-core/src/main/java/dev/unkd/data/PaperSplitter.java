package dev.unkd.data;

import java.util.SplittableRandom;

/**
 * The UnKD split (Chen et al., WSDM 2023; the authors' {@code preprocess_cite.py}): for every
 * user, {@code ceil(holdout * n_u)} of their items, drawn uniformly without replacement, are held
 * out and the rest trains; then {@code floor(validUsers * numUsers)} users drawn uniformly have
 * their held-out items put in validation, and the held-out items of all other users form the
 * test set. Validation and test users are disjoint.
 *
 * <p>Every user keeps at least one training item: the hold-out is
 * {@code min(ceil(holdout * n_u), n_u - 1)}, so a user with a single item only trains (the
 * authors' data keeps users with at least 5 items, where this never binds). Randomness: one
 * {@link SplittableRandom} seeded with the seed draws, user by user in index order, a partial
 * Fisher-Yates shuffle of the user's items sorted by item index, then a partial shuffle of all
 * users for the validation set; the split thus depends only on the distinct pairs and the seed,
 * not on the row order of the file.
 *
 * @param holdout    fraction of each user's items held out, in [0, 1)
 * @param validUsers fraction of users whose held-out items validate, in [0, 1]
 */
public record PaperSplitter(double holdout, double validUsers) implements Splitter {
    /** The paper's CiteULike setting: 20% held out, 20% of users validate. */
    public static final PaperSplitter CITEULIKE = new PaperSplitter(0.2, 0.2);

    public PaperSplitter {
        if (!(holdout >= 0 && holdout < 1)) {
            throw new IllegalArgumentException("Invalid hold-out fraction: " + holdout);
        }
        if (!(validUsers >= 0 && validUsers <= 1)) {
            throw new IllegalArgumentException("Invalid validation user fraction: " + validUsers);
        }
    }

    @Override
    public Dataset split(InteractionLog log, long seed) {
        InteractionLog data = log.dedupe();
        SplittableRandom random = new SplittableRandom(seed);
        SplitParts.UserRows byUser = SplitParts.UserRows.of(data);
        boolean[] heldOut = new boolean[data.size()];
        for (int u = 0; u < data.numUsers(); u++) {
            int[] rows = byUser.byItem(data, u);
            int n = rows.length;
            if (n == 0) {
                continue;
            }
            // Math.ceil of the double product, as the authors' math.ceil(len * 0.2)
            int h = Math.min((int) Math.ceil(holdout * n), n - 1);
            for (int j = 0; j < h; j++) {
                int r = j + random.nextInt(n - j);
                int t = rows[j];
                rows[j] = rows[r];
                rows[r] = t;
                heldOut[rows[j]] = true;
            }
        }
        int numUsers = data.numUsers();
        int numValid = (int) Math.floor(validUsers * numUsers); // int(0.2 * 5219) = 1043 in the authors' code
        int[] users = new int[numUsers];
        for (int u = 0; u < numUsers; u++) {
            users[u] = u;
        }
        boolean[] validating = new boolean[numUsers];
        for (int j = 0; j < numValid; j++) {
            int r = j + random.nextInt(numUsers - j);
            int t = users[j];
            users[j] = users[r];
            users[r] = t;
            validating[users[j]] = true;
        }
        byte[] part = new byte[data.size()];
        for (int k = 0; k < data.size(); k++) {
            if (heldOut[k]) {
                part[k] = validating[data.user(k)] ? SplitParts.VALID : SplitParts.TEST;
            }
        }
        return SplitParts.build(data, part);
    }
}
