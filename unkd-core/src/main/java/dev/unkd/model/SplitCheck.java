package dev.unkd.model;

/**
 * Whether a model file may be used with data whose training interactions differ from those it
 * was trained on (same ids, another split): then test items may have been training items and
 * the metrics mean nothing, so the default refuses it.
 */
public enum SplitCheck {
    /** The data's fingerprint must equal the one stored in the file (the default everywhere). */
    SAME_SPLIT,
    /**
     * Another split of the same ids is accepted with a warning (MF only: a LightGCN model
     * propagates over its training graph and always needs it).
     */
    ALLOW_OTHER_SPLIT
}
