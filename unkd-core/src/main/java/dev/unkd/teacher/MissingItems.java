package dev.unkd.teacher;

/** What to do with dataset items that an imported teacher has no embedding for. */
public enum MissingItems {
    /** Fail, naming the file and some of the missing ids (default). */
    ERROR,
    /**
     * Score them -Infinity, so they are never ranked or sampled from the teacher (a zero row
     * stands in their embedding), as for items missing from a score file.
     */
    EXCLUDE
}
