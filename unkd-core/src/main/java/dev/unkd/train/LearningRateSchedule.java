package dev.unkd.train;

/**
 * How the learning rate changes during training. {@link #CONSTANT} keeps the configured rate.
 * A plateau schedule starts at the configured rate and multiplies it by {@code factor} whenever
 * {@code patience} validations in a row have not improved the selection metric (counted since the
 * last improvement or the last reduction), never going below {@code minLr}; the training loop's
 * stopping patience restarts at each reduction, so each rate gets its chance. Like PyTorch's
 * {@code ReduceLROnPlateau}, the rate changes only at validations (after every row's Adam state is
 * up to date) and training continues from the current parameters.
 *
 * @param factor multiplier of a reduction, in (0, 1); 1 with {@link #CONSTANT}
 * @param patience validations without improvement before a reduction, at least 1
 * @param minLr the floor, positive; 0 with {@link #CONSTANT}
 */
public record LearningRateSchedule(double factor, int patience, double minLr) {
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(1, Integer.MAX_VALUE, 0);

    public LearningRateSchedule {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: factor " + factor + " is not in (0, 1)");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: patience " + patience + " is below 1");
        }
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: minimum rate " + minLr);
        }
        if (factor < 1 && minLr == 0) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: a plateau schedule needs a positive minimum rate");
        }
    }

    /** Reduce by {@code factor} after {@code patience} validations without improvement, down to {@code minLr}. */
    public static LearningRateSchedule plateau(double factor, int patience, double minLr) {
        if (!(factor < 1)) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: factor " + factor + " is not in (0, 1)");
        }
        return new LearningRateSchedule(factor, patience, minLr);
    }

    public boolean isConstant() {
        return factor == 1;
    }

    /** The rate after one reduction from {@code lr}: never below the floor (nor above {@code lr}). */
    double reduced(double lr) {
        return Math.min(lr, Math.max(minLr, lr * factor));
    }

    /** "constant" or "plateau:0.1:2:0.001" (factor, patience, floor): the form {@link #parse} reads. */
    public String label() {
        return isConstant() ? "constant" : "plateau:" + number(factor) + ":" + patience + ":" + number(minLr);
    }

    /**
     * Reads {@link #label()}'s form: {@code constant}, or {@code plateau:FACTOR:PATIENCE:MIN_LR}
     * (e.g. {@code plateau:0.1:2:0.001}); anything else is an IllegalArgumentException that shows it.
     */
    public static LearningRateSchedule parse(String text) {
        if ("constant".equals(text)) {
            return CONSTANT;
        }
        String[] parts = text == null ? new String[0] : text.split(":", -1);
        if (parts.length != 4 || !"plateau".equals(parts[0])) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: '" + text
                    + "' (expected constant or plateau:FACTOR:PATIENCE:MIN_LR, e.g. plateau:0.1:2:0.001)");
        }
        try {
            return plateau(Double.parseDouble(parts[1]), Integer.parseInt(parts[2]), Double.parseDouble(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: '" + text + "' (" + e.getMessage() + ")");
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
