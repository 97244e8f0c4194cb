package dev.unkd.train;

/**
 * Training stopped because the loss or the parameters became NaN or infinite (typically a too
 * high learning rate): no model is returned, so none with non-finite values can be saved.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private final int epoch;

    public TrainingDivergedException(int epoch, String what) {
        super("training diverged at epoch " + epoch + ": " + what + " (try a lower learning rate)");
        this.epoch = epoch;
    }

    /** The 1-based epoch at which the non-finite value was found. */
    public int epoch() {
        return epoch;
    }
}
