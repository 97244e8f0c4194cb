package dev.unkd.distill.nn;

/** Where an {@link Expert}'s ReLU sits. */
public enum ExpertActivation {
    /**
     * Linear, ReLU, Linear: the expert of DE (Kang et al., CIKM 2020, {@code Models/DE.py:
     * Expert}) and HTD's f (Kang et al., KDD 2021, {@code model.py: f}), which can reconstruct
     * teacher embeddings of either sign.
     */
    HIDDEN,
    /**
     * Linear, Linear, ReLU: the UnKD authors' re-implementation of DE ({@code model.py: Expert},
     * used by {@code BPRMFExpert}); its output is never negative, so it cannot match the negative
     * entries of a teacher embedding. Offered to reproduce that code.
     */
    OUTPUT
}
