package dev.unkd.distill;

/**
 * What every distiller reports the same way: its settings (whose method's name is the
 * objective's name), its KD weight, and the time of its preparation and of its latest epoch start.
 */
abstract class DistillerBase implements Distiller {
    private final DistillerSettings settings;
    private final double kdWeight;
    private final double preparationSeconds;
    private double lastEpochSeconds;

    DistillerBase(DistillerSettings settings, double preparationSeconds) {
        this.settings = settings;
        this.kdWeight = settings.kdWeight();
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
        return settings.method();
    }

    @Override
    public final DistillerSettings settings() {
        return settings;
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
