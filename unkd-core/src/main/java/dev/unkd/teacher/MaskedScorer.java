package dev.unkd.teacher;

import dev.unkd.model.Scorer;

/** Scores the excluded items -Infinity (unknown to the teacher) and delegates the rest. */
final class MaskedScorer implements Scorer {
    private final Scorer inner;
    private final int[] excluded;

    MaskedScorer(Scorer inner, int[] excluded) {
        this.inner = inner;
        this.excluded = excluded.clone();
        java.util.Arrays.sort(this.excluded);
    }

    @Override
    public int numUsers() {
        return inner.numUsers();
    }

    @Override
    public int numItems() {
        return inner.numItems();
    }

    @Override
    public float score(int user, int item) {
        return java.util.Arrays.binarySearch(excluded, item) >= 0 ? Float.NEGATIVE_INFINITY : inner.score(user, item);
    }

    @Override
    public void scoreAll(int user, float[] out) {
        inner.scoreAll(user, out);
        for (int i : excluded) {
            out[i] = Float.NEGATIVE_INFINITY;
        }
    }

    @Override
    public void scoreBlock(int[] users, int from, int to, float[][] out) {
        inner.scoreBlock(users, from, to, out);
        for (int b = from; b < to; b++) {
            for (int i : excluded) {
                out[b - from][i] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
