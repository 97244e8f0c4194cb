package dev.unkd.distill;

/** Which entities DE reconstructs on each batch of DE-RRD. */
public enum DeEntities {
    /**
     * The UnKD authors' DE-RRD ({@code sample.py: RRD.Sample}): the batch's users (one row per
     * training triple) and, for each row, the user's interesting and uninteresting RRD items; the
     * loss is mean(users) + mean(interesting rows) + mean(uninteresting rows). Nearly every item
     * is reconstructed on every batch, so this is the expensive schedule.
     */
    RRD_SAMPLES,
    /**
     * The DE authors' schedule ({@code DE-RRD_CIKM20/run.py: LOO_DE_run}): the batch's distinct
     * users, positives and negatives, mean(users) + (mean(positives) + mean(negatives)) / 2 (the
     * code sums; means keep the weight on the scale of {@link #RRD_SAMPLES}).
     */
    BATCH
}
