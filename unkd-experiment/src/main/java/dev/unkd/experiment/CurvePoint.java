package dev.unkd.experiment;

/** One validation of a training run: the selection metric after {@code epoch} epochs. */
record CurvePoint(int epoch, double value) {
}
