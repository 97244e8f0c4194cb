package dev.unkd.eval;

import dev.unkd.data.Interactions;

/**
 * One user's top list with each position judged against that user's held-out items: what a
 * {@link ListMetric} reads. Relevance is binary (held out or not) and looked up once per position,
 * however many metrics read it. One instance is reused for user after user ({@link #judge}), so
 * judging allocates nothing once the buffer fits the longest list; not thread-safe.
 */
public final class JudgedList {
    private final Interactions heldOut;
    private int user = -1;
    private int[] items = new int[0];
    private boolean[] relevant = new boolean[0];

    /** Judges lists against {@code heldOut} (users with no held-out item cannot be judged). */
    public JudgedList(Interactions heldOut) {
        this.heldOut = heldOut;
    }

    /** Makes this the list {@code items} (best first, not copied) of {@code user}; returns this. */
    public JudgedList judge(int user, int[] items) {
        if (heldOut.userDegree(user) == 0) {
            throw new IllegalArgumentException("user " + user + " has no held-out items to judge a list against");
        }
        this.user = user;
        this.items = items;
        if (relevant.length < items.length) {
            relevant = new boolean[items.length];
        }
        for (int r = 0; r < items.length; r++) {
            relevant[r] = heldOut.contains(user, items[r]);
        }
        return this;
    }

    public int user() {
        return user;
    }

    /** Items in the list (at most the evaluated maximum K; fewer when too few were eligible). */
    public int length() {
        return items.length;
    }

    /** The item at rank r (0 = best). */
    public int item(int r) {
        return items[r];
    }

    /** Whether the item at rank r is one of the user's held-out items. */
    public boolean relevant(int r) {
        return relevant[r];
    }

    /** Number of the user's held-out items (at least 1). */
    public int relevantCount() {
        return heldOut.userDegree(user);
    }

    /** The held-out interactions, for metrics that look at the held-out items themselves (per group). */
    public Interactions heldOut() {
        return heldOut;
    }
}
