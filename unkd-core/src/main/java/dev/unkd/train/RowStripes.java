package dev.unkd.train;

/**
 * Which thread's stripe owns a row of a gradient table in a row-striped parallel pass (each row
 * written by one thread, so the sums keep their sequential order). Rows go to stripes in blocks of
 * {@value #BLOCK_ROWS}: striping single rows (row % stripes) puts rows of two threads on one cache
 * line (a dim-10 row is 40 bytes), and the line then bounces between the cores on every write;
 * measured, that doubled the replay's CPU time on 2 threads (docs/BENCHMARKS.md).
 */
final class RowStripes {
    /** Rows per block: 64 rows of any dimension span a whole number of 64-byte lines. */
    static final int BLOCK_ROWS = 64;

    private RowStripes() {
    }

    /** The stripe in [0, stripes) that owns {@code row}. */
    static int of(int row, int stripes) {
        return (row / BLOCK_ROWS) % stripes;
    }
}
