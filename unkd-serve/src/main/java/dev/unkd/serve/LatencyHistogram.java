package dev.unkd.serve;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request latencies counted into fixed buckets (Prometheus histogram semantics: cumulative counts
 * of observations at or below each upper bound, plus their sum). Buckets are fixed so that series
 * from several instances and restarts can be summed; LongAdders keep recording contention-free.
 */
final class LatencyHistogram {
    /** Upper bounds in seconds: 100 µs to 10 s, finer where a ranking should land. */
    static final double[] BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1]; // last: above every bound
    private final DoubleAdder sum = new DoubleAdder();

    LatencyHistogram() {
        for (int b = 0; b < counts.length; b++) {
            counts[b] = new LongAdder();
        }
    }

    void observe(double seconds) {
        int b = 0;
        while (b < BOUNDS.length && seconds > BOUNDS[b]) {
            b++;
        }
        counts[b].increment();
        sum.add(seconds);
    }

    /** Cumulative count of observations at or below BOUNDS[b], or of all observations for b == BOUNDS.length. */
    long cumulative(int b) {
        long n = 0;
        for (int q = 0; q <= b; q++) {
            n += counts[q].sum();
        }
        return n;
    }

    long count() {
        return cumulative(BOUNDS.length);
    }

    double sum() {
        return sum.sum();
    }
}
