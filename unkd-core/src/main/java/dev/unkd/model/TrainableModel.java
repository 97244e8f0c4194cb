package dev.unkd.model;

/**
 * A model trained by gradient steps on two layer-0 tables. {@link #forward()} gives the final
 * embeddings the losses score with; {@link #backward} maps gradients on those to gradients on
 * the layer-0 tables (identity for MF, the transposed propagation for LightGCN).
 */
public interface TrainableModel {
    /** "mf", "lightgcn", ... as stored in model files. */
    String type();

    int dim();

    EmbeddingTable userTable();

    EmbeddingTable itemTable();

    /** Final embeddings of the current parameters (may be recomputed on each call). */
    Embeddings forward();

    /** Gradients on the layer-0 tables given gradients on the final embeddings of the last forward pass. */
    EmbeddingGradients backward(EmbeddingGradients finalGradients);

    /** An inference scorer of the current parameters (independent of later updates). */
    Scorer scorer();
}
