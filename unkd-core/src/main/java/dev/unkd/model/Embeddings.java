package dev.unkd.model;

/** The final user and item embeddings a model scores with (for MF its parameters, for LightGCN the propagated ones). */
public record Embeddings(EmbeddingTable users, EmbeddingTable items) {
    public Embeddings {
        if (users.dim() != items.dim()) {
            throw new IllegalArgumentException("user dim " + users.dim() + " != item dim " + items.dim());
        }
    }

    public int dim() {
        return users.dim();
    }

    public float score(int u, int i) {
        float[] p = users.data();
        float[] q = items.data();
        int d = users.dim();
        float s = 0;
        for (int k = 0, pu = u * d, qi = i * d; k < d; k++) {
            s += p[pu + k] * q[qi + k];
        }
        return s;
    }

    public FactorScorer scorer() {
        return new FactorScorer(users, items);
    }
}
