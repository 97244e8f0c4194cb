package dev.unkd.parallel;

/**
 * The named random streams of one training run, each derived from the run's seed and its position
 * (epoch, batch, objective, chunk), so that the library call and {@code unkd train --seed S} draw
 * the same numbers and no stream depends on thread timing.
 */
public enum SeedStream {
    /** The model's initial parameters. */
    INITIALISATION(0),
    /** Per epoch: what objectives draw at the start of an epoch (distillers' samples). */
    EPOCH(1),
    /** Per epoch: the order of training pairs and their negatives. */
    SHUFFLE(2),
    /** Per (epoch, batch, objective): the objective's draws inside a batch, one sub-stream per chunk. */
    BATCH(3);

    private final long id;

    SeedStream(long id) {
        this.id = id;
    }

    /** The seed of this stream at the given position, e.g. {@code SHUFFLE.seed(runSeed, epoch)}. */
    public long seed(long runSeed, long... position) {
        long[] path = new long[position.length + 1];
        path[0] = id;
        System.arraycopy(position, 0, path, 1, position.length);
        return Seeds.derive(runSeed, path);
    }
}
