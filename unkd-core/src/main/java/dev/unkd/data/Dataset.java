package dev.unkd.data;

import java.util.Objects;

/**
 * A split dataset: training, validation and test interactions over one user and one item id
 * space. Validation and test may be empty (e.g. when a model is trained on everything).
 */
public record Dataset(String name, IdMap users, IdMap items, Interactions train, Interactions valid, Interactions test) {
    public Dataset {
        Objects.requireNonNull(users);
        Objects.requireNonNull(items);
        for (Interactions part : new Interactions[] {train, valid, test}) {
            if (part.numUsers() != users.size() || part.numItems() != items.size()) {
                throw new IllegalArgumentException("split part " + part + " does not match " + users.size()
                        + " users x " + items.size() + " items");
            }
        }
    }

    public int numUsers() {
        return users.size();
    }

    public int numItems() {
        return items.size();
    }

    /**
     * A fingerprint of the training graph and both id maps: a model trained on other data (or
     * another split of it) has a different fingerprint.
     */
    public long fingerprint() {
        long h = users.checksum() * 31 + items.checksum();
        int[] cols = train.userItemArray();
        for (int u = 0; u < train.numUsers(); u++) {
            h = h * 0x100000001b3L + train.userDegree(u);
        }
        for (int c : cols) {
            h = h * 0x100000001b3L + c;
        }
        return h;
    }
}
