package dev.unkd.distill;

/**
 * What every distiller reports the same way: its method (whose command-line name is the
 * objective's name), its KD weight, and the time of its preparation and of its latest epoch start.
 */
abstract class DistillerBase implements Distiller {
    private final DistillationMethod method;
    private final double kdWeight;
    private final double preparationSeconds;
    private double lastEpochSeconds;

    DistillerBase(DistillationMethod method, double kdWeight, double preparationSeconds) {
        this.method = method;
        this.kdWeight = kdWeight;
        this.preparationSeconds = preparationSeconds;
    }

    /** Records the time since {@code startNanos} (a {@link System#nanoTime()}) as this epoch's start-up time. */
    final void epochStarted(long startNanos) {
        lastEpochSeconds = (System.nanoTime() - startNanos) / 1e9;
    }

    /** This epoch needed no start-up work (samples kept from the previous one). */
    final void epochSkipped() {
        lastEpochSeconds = 0;
    }

    @Override
    public final String name() {
        return method.cliName();
    }

    @Override
    public final DistillationMethod method() {
        return method;
    }

    @Override
    public final double kdWeight() {
        return kdWeight;
    }

    @Override
    public final double preparationSeconds() {
        return preparationSeconds;
    }

    @Override
    public final double lastEpochSeconds() {
        return lastEpochSeconds;
    }
}
