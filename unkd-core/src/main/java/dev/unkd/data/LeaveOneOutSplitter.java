package dev.unkd.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Leave-one-out: every user's latest (or a random) item is the test item and, with validation,
 * the one before it (or another random one) the validation item; the rest trains. A user keeps at
 * least one training item: users with one item only train, users with two have no validation
 * item. "Latest" orders a user's rows by timestamp, ties by file order (the later row is later).
 * Random picks use one {@link SplittableRandom} seeded with the seed, user by user, over the
 * user's items sorted by index.
 *
 * @param mode       which item is held out
 * @param validation whether a second item is held out for validation
 */
public record LeaveOneOutSplitter(Mode mode, boolean validation) implements Splitter {
    /** Which item a user leaves out. */
    public enum Mode {
        /** The item with the latest timestamp; needs a timestamp on every row. */
        LATEST,
        /** An item drawn uniformly at random. */
        RANDOM
    }

    public LeaveOneOutSplitter {
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public Dataset split(InteractionLog log, long seed) {
        InteractionLog data = log.dedupe();
        if (mode == Mode.LATEST && data.size() > 0 && !data.hasTimestamps()) {
            throw data.problem("leave-one-out by latest item needs a timestamp on every interaction (use random mode)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        SplitParts.UserRows byUser = SplitParts.UserRows.of(data);
        byte[] part = new byte[data.size()];
        for (int u = 0; u < data.numUsers(); u++) {
            int[] rows = mode == Mode.LATEST ? byUser.byTime(data, u) : byUser.byItem(data, u);
            int n = rows.length;
            int held = Math.min(validation ? 2 : 1, n - 1);
            if (held <= 0) {
                continue;
            }
            if (mode == Mode.RANDOM) {
                // move `held` random rows to the end: the last is test, the one before validation
                for (int j = n - 1; j >= n - held; j--) {
                    int r = random.nextInt(j + 1);
                    int t = rows[j];
                    rows[j] = rows[r];
                    rows[r] = t;
                }
            }
            part[rows[n - 1]] = SplitParts.TEST;
            if (held == 2) {
                part[rows[n - 2]] = SplitParts.VALID;
            }
        }
        return SplitParts.build(data, part);
    }
}
