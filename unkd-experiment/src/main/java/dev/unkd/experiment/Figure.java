package dev.unkd.experiment;

/** A rendered chart: its title, its PNG path relative to the report, and what to read from it. */
record Figure(String title, String path, String caption) {
}
