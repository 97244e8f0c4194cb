package dev.unkd.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The per-user ratio split of the KDs benchmark (woriazzc/KDs, the harness of FreqD, KDD 2025,
 * PCKD, TKDE 2025, and RCE-KD, 2025; its {@code data/citeulike/preprocess_citeulike.py}): every
 * user's items are put in an order and cut by integer weights {@code a:b:c} (8:1:1), the cuts
 * rounded down as the script does. With {@code T = a + b + c}, a user with {@code n} items trains
 * on the first {@code max(floor(a n / T), 1)}, validates on the items before position
 * {@code floor((a + b) n / T)}, and is tested on the rest ({@link #partSizes}). Under 8:1:1 that
 * is 4/0/1 for 5 items (no validation item), n - 2/1/1 for 6 to 9 items and 8/1/1 for 10; under
 * any weights every user with at least 2 items has a test item.
 *
 * <p>One departure: for a single-item user the script's slices put the item in both training and
 * test; here it only trains, so the parts stay disjoint (the KDs data keeps users with at least 5
 * items, where this never happens).
 *
 * <p>Order: {@link Order#RANDOM} (the default) shuffles each user's items, sorted by item index
 * first, with one {@link SplittableRandom} seeded with the seed, user by user in index order, so
 * the split depends only on the distinct pairs and the seed. {@link Order#FILE} keeps the rows'
 * order in the input and ignores the seed: the script does not shuffle, so its CiteULike split,
 * whose {@code users.dat} lists each user's items in ascending id order, tests every user on
 * their highest item ids; {@code FILE} on that file gives exactly its files.
 *
 * @param trainWeight weight a of the training part, at least 1
 * @param validWeight weight b of the validation part, at least 0
 * @param testWeight  weight c of the test part, at least 1
 * @param order       the order in which a user's items are cut
 */
public record KdsSplitter(int trainWeight, int validWeight, int testWeight, Order order) implements Splitter {
    /** KDs' setting: 8:1:1 per user, items in random order. */
    public static final KdsSplitter DEFAULT = new KdsSplitter(8, 1, 1, Order.RANDOM);

    /** The order in which a user's items are cut into parts. */
    public enum Order {
        /** A seeded shuffle of the user's items. */
        RANDOM,
        /** The order of the user's rows in the input, as the KDs script; the seed is not used. */
        FILE
    }

    public KdsSplitter {
        if (trainWeight < 1 || validWeight < 0 || testWeight < 1) {
            throw new IllegalArgumentException("Invalid split ratios " + trainWeight + "/" + validWeight + "/" + testWeight
                    + " (train and test weights must be at least 1, validation at least 0)");
        }
        Objects.requireNonNull(order, "order");
    }

    /** The sizes of the training, validation and test parts of a user with {@code n} items (n at least 1). */
    public int[] partSizes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Invalid number of items: " + n);
        }
        long total = (long) trainWeight + validWeight + testWeight;
        // exact integer floors: the script's floor(a * n / T) on floats is the same value (a non-integer
        // quotient of an integer by T is at least 1 / T away from the next integer)
        int train = (int) Math.max(trainWeight * (long) n / total, 1);
        int validEnd = (int) Math.max((trainWeight + (long) validWeight) * n / total, train);
        return new int[] {train, validEnd - train, n - validEnd};
    }

    @Override
    public Dataset split(InteractionLog log, long seed) {
        InteractionLog data = log.dedupe();
        SplittableRandom random = new SplittableRandom(seed);
        SplitParts.UserRows byUser = SplitParts.UserRows.of(data);
        byte[] part = new byte[data.size()];
        for (int u = 0; u < data.numUsers(); u++) {
            int[] rows = order == Order.FILE ? byUser.inFileOrder(u) : byUser.byItem(data, u);
            int n = rows.length;
            if (n == 0) {
                continue;
            }
            if (order == Order.RANDOM) {
                for (int j = n - 1; j > 0; j--) { // Fisher-Yates
                    int r = random.nextInt(j + 1);
                    int t = rows[j];
                    rows[j] = rows[r];
                    rows[r] = t;
                }
            }
            int[] sizes = partSizes(n);
            for (int j = sizes[0]; j < n; j++) {
                part[rows[j]] = j < sizes[0] + sizes[1] ? SplitParts.VALID : SplitParts.TEST;
            }
        }
        return SplitParts.build(data, part);
    }
}
