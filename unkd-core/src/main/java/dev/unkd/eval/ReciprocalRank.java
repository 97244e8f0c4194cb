package dev.unkd.eval;

/** Reciprocal rank 1 / (r + 1) of the first held-out item in the top K, 0 without a hit (MRR@K averaged over users). */
public record ReciprocalRank(int k) implements ListMetric {
    public ReciprocalRank {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            if (list.relevant(r)) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }
}
