package dev.unkd.serve;

import dev.unkd.eval.TopK;

/**
 * One thread's reusable scratch space: a score per item and a top-K selector. Request threads
 * are pooled, so after the first requests a ranking allocates nothing but its result.
 */
final class ScoreBuffers {
    private static final ThreadLocal<ScoreBuffers> PER_THREAD = ThreadLocal.withInitial(ScoreBuffers::new);

    private float[] scores = new float[0];
    private float[][] block = new float[0][];
    private TopK topK;
    private int k;

    static ScoreBuffers forThisThread() {
        return PER_THREAD.get();
    }

    /** A buffer of at least {@code numItems} scores; grows when a reloaded model has more items. */
    float[] scores(int numItems) {
        if (scores.length < numItems) {
            scores = new float[numItems];
        }
        return scores;
    }

    /** {@code rows} buffers of at least {@code numItems} scores, for scoring several users at once. */
    float[][] block(int rows, int numItems) {
        if (block.length < rows || block[0].length < numItems) {
            block = new float[rows][numItems];
        }
        return block;
    }

    /** A selector for {@code k}; kept while consecutive requests ask for the same k (the usual case). */
    TopK topK(int k) {
        if (topK == null || this.k != k) {
            topK = new TopK(k);
            this.k = k;
        }
        return topK;
    }
}
