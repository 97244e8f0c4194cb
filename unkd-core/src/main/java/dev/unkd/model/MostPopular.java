package dev.unkd.model;

import dev.unkd.data.Interactions;

/** The popularity baseline: every user gets the items with the most training interactions. */
public final class MostPopular implements Scorer {
    private final int numUsers;
    private final float[] popularity;

    public MostPopular(Interactions train) {
        this.numUsers = train.numUsers();
        this.popularity = new float[train.numItems()];
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = train.itemDegree(i); // ties go to lower item indices in TopK
        }
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return popularity.length;
    }

    @Override
    public float score(int user, int item) {
        return popularity[item];
    }

    @Override
    public void scoreAll(int user, float[] out) {
        System.arraycopy(popularity, 0, out, 0, popularity.length);
    }
}
