package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.model.LightGcn;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The architecture of a teacher or student.
 *
 * @param type "mf" or "lightgcn"
 * @param dim embedding dimension
 * @param layers LightGCN propagation layers (ignored for MF)
 * @param keepProb LightGCN edge keep probability while training (1 = no dropout)
 */
record ModelSpec(String type, int dim, int layers, double keepProb) {
    static final String MF = MatrixFactorization.TYPE;
    static final String LIGHTGCN = LightGcn.TYPE;

    /** Initialises the model as {@code unkd train} does for the same seed. */
    TrainableModel create(Dataset data, long seed, ChunkedExecutor executor) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, 0));
        return MF.equals(type) ? MatrixFactorization.initialise(data.numUsers(), data.numItems(), dim, rng)
                : LightGcn.initialise(data.train(), dim, layers, keepProb, rng, executor);
    }

    /** "mf-10", "lightgcn-100". */
    String label() {
        return type + "-" + dim;
    }

    /** The backbone's name in the paper's tables ("MF", "LightGCN"). */
    String paperName() {
        return MF.equals(type) ? "MF" : "LightGCN";
    }

    /** Everything that changes the trained model, for cache keys. */
    String canonical() {
        return MF.equals(type) ? label() : String.format(Locale.ROOT, "%s-l%d-k%s", label(), layers, keepProb);
    }
}
