package dev.unkd.data;

/**
 * Splits a log into training, validation and test interactions. The result covers every user and
 * item of the log (a part may be empty for some users, or altogether), each distinct (user, item)
 * pair lands in exactly one part, and the same log and seed give the same split.
 */
@FunctionalInterface
public interface Splitter {
    Dataset split(InteractionLog log, long seed);
}
