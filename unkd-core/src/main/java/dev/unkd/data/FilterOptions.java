package dev.unkd.data;

/**
 * Which users and items to keep before splitting.
 *
 * @param minUserItems keep users with at least this many interactions (0 or 1: no user filter)
 * @param minItemUsers keep items with at least this many interactions (0 or 1: no item filter)
 * @param kcore        repeat both filters until nothing changes, so that every kept user and item
 *                     meets its threshold in the result; otherwise one pass on the original counts
 */
public record FilterOptions(int minUserItems, int minItemUsers, boolean kcore) {
    /** No filtering. */
    public static final FilterOptions NONE = new FilterOptions(0, 0, false);

    public FilterOptions {
        if (minUserItems < 0) {
            throw new IllegalArgumentException("Invalid minimum items per user: " + minUserItems);
        }
        if (minItemUsers < 0) {
            throw new IllegalArgumentException("Invalid minimum users per item: " + minItemUsers);
        }
    }

    /** Users with at least {@code n} items, no item filter (the UnKD protocol: 5 for CiteULike, 20 for Apps and ML-1M). */
    public static FilterOptions minUserItems(int n) {
        return new FilterOptions(n, 0, false);
    }

    /** The iterated k-core: every user and every item has at least {@code k} interactions. */
    public static FilterOptions kCore(int k) {
        return new FilterOptions(k, k, true);
    }

    public boolean isNone() {
        return minUserItems <= 1 && minItemUsers <= 1;
    }
}
