package dev.unkd.model;

import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.SeedStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The architecture of a teacher or student: what {@code unkd train --model --dim --layers
 * --keep-prob} describes, and what a model file records.
 *
 * @param type {@value MatrixFactorization#TYPE} (BPR-MF, Rendle et al., UAI 2009) or {@value LightGcn#TYPE}
 *     (He et al., SIGIR 2020)
 * @param dim embedding dimension
 * @param layers LightGCN propagation layers (0 for MF)
 * @param keepProb LightGCN edge keep probability while training (1 = no edge dropout; 1 for MF)
 */
public record ModelSpec(String type, int dim, int layers, double keepProb) {
    /** Far above any embedding size in use; larger values are typos that would overflow the tables. */
    public static final int MAX_DIM = 65_536;

    public ModelSpec {
        if (!MatrixFactorization.TYPE.equals(type) && !LightGcn.TYPE.equals(type)) {
            throw new IllegalArgumentException("Invalid model type: '" + type + "' (expected " + MatrixFactorization.TYPE + " or "
                    + LightGcn.TYPE + ")");
        }
        if (dim < 1 || dim > MAX_DIM) {
            throw new IllegalArgumentException("Invalid dimension: " + dim + " (must be in 1.." + MAX_DIM + ")");
        }
        if (layers < 0) {
            throw new IllegalArgumentException("Invalid number of layers: " + layers + " (must be >= 0)");
        }
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("Invalid edge keep probability: " + keepProb + " (must be in (0, 1])");
        }
        if (MatrixFactorization.TYPE.equals(type)) {
            layers = 0; // MF has no propagation: one spelling per architecture
            keepProb = 1.0;
        }
    }

    /** BPR-MF of the given dimension. */
    public static ModelSpec mf(int dim) {
        return new ModelSpec(MatrixFactorization.TYPE, dim, 0, 1.0);
    }

    /** LightGCN of the given dimension and layers, without edge dropout. */
    public static ModelSpec lightGcn(int dim, int layers) {
        return new ModelSpec(LightGcn.TYPE, dim, layers, 1.0);
    }

    /** The same architecture with edge dropout while training (LightGCN only). */
    public ModelSpec withKeepProb(double p) {
        return new ModelSpec(type, dim, layers, p);
    }

    public boolean isGraphModel() {
        return LightGcn.TYPE.equals(type);
    }

    /**
     * A freshly initialised model for the given training data, its parameters drawn from the
     * {@link SeedStream#INITIALISATION} stream of {@code seed} (so equal to {@code unkd train --seed}).
     */
    public TrainableModel create(Interactions train, long seed, ChunkedExecutor executor) {
        SplittableRandom rng = new SplittableRandom(SeedStream.INITIALISATION.seed(seed));
        return isGraphModel() ? LightGcn.initialise(train, dim, layers, keepProb, rng, executor)
                : MatrixFactorization.initialise(train.numUsers(), train.numItems(), dim, rng);
    }

    /** "mf-10", "lightgcn-100". */
    public String label() {
        return type + "-" + dim;
    }

    /** The backbone's name in papers' tables ("MF", "LightGCN"). */
    public String displayName() {
        return isGraphModel() ? "LightGCN" : "MF";
    }

    /** Everything that changes the trained model, in one string (experiment cache keys). */
    public String canonical() {
        return isGraphModel() ? String.format(Locale.ROOT, "%s-l%d-k%s", label(), layers, keepProb) : label();
    }
}
