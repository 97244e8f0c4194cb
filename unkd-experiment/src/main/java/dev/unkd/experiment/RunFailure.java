package dev.unkd.experiment;

/** A run (or teacher) that failed: what it was and why; the experiment went on without it. */
record RunFailure(String what, String message) {
}
