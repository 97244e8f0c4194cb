package dev.unkd.cli;

import dev.unkd.model.ModelSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Range-checked integer options: picocli reports a value out of range as a usage error (exit 1)
 * naming the option, before any work starts.
 *
 * <p>Threads: at most {@value #MAX_THREADS}, a fixed cap (so a command line valid on one machine
 * is valid on all) far above the processor count of any machine unkd runs on (more threads than
 * processors only adds switching, since the work is cut into fixed chunks) and far below
 * ForkJoinPool's limit of 32,767, above which the pool failed with a message-less exception.
 */
final class Bounds {
    static final int MAX_THREADS = 1024;
    /** Batch arrays are allocated up front (3 ints per sample): 2^24 samples are 200 MB. */
    static final int MAX_BATCH = 1 << 24;

    private Bounds() {
    }

    /** The default thread count: all processors, within the cap. */
    static int defaultThreads() {
        return Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
    }

    static int parse(String value, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an integer in " + min + ".." + max);
        }
        if (v < min || v > max) {
            throw new TypeConversionException(value + " is out of range (must be in " + min + ".." + max + ")");
        }
        return v;
    }

    /** 1..{@value #MAX_THREADS}. */
    static final class Threads implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, MAX_THREADS);
        }
    }

    /** 1..{@link ModelSpec#MAX_DIM}. */
    static final class Dim implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, ModelSpec.MAX_DIM);
        }
    }

    /** 1..{@value #MAX_BATCH}. */
    static final class Batch implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, MAX_BATCH);
        }
    }

    /** At least 1: epochs, intervals, patience, list lengths, groups, repetitions. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, Integer.MAX_VALUE);
        }
    }

    /** At least 0: counts where 0 means none (filters, sampled negatives, warm-up epochs, layers). */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 0, Integer.MAX_VALUE);
        }
    }
}
