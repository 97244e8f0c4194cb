package dev.unkd.model;

import java.util.SplittableRandom;

/**
 * BPR-MF (Rendle et al., UAI 2009): score(u, i) = &lt;p_u, q_i&gt;. Initialised Xavier-uniform as in
 * the UnKD authors' code.
 */
public final class MatrixFactorization implements TrainableModel {
    public static final String TYPE = "mf";

    private final EmbeddingTable users;
    private final EmbeddingTable items;

    public MatrixFactorization(EmbeddingTable users, EmbeddingTable items) {
        if (users.dim() != items.dim()) {
            throw new IllegalArgumentException("user dim " + users.dim() + " != item dim " + items.dim());
        }
        this.users = users;
        this.items = items;
    }

    public static MatrixFactorization initialise(int numUsers, int numItems, int dim, SplittableRandom rng) {
        if (dim < 1) {
            throw new IllegalArgumentException("Invalid dimension: " + dim);
        }
        return new MatrixFactorization(EmbeddingTable.xavierUniform(numUsers, dim, rng),
                EmbeddingTable.xavierUniform(numItems, dim, rng));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int dim() {
        return users.dim();
    }

    @Override
    public EmbeddingTable userTable() {
        return users;
    }

    @Override
    public EmbeddingTable itemTable() {
        return items;
    }

    @Override
    public Embeddings forward() {
        return new Embeddings(users, items);
    }

    @Override
    public EmbeddingGradients backward(EmbeddingGradients finalGradients) {
        return finalGradients;
    }

    @Override
    public Scorer scorer() {
        return new FactorScorer(users.copy(), items.copy());
    }
}
