package dev.unkd.eval;

/**
 * NDCG@K with binary gains: DCG = sum over hits at rank r (0-based) of 1 / log2(r + 2), divided
 * by the ideal DCG of min(K, |held-out|) hits at the top (METHOD.md section 1).
 */
public record Ndcg(int k) implements ListMetric {
    public Ndcg {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        double dcg = 0;
        int len = Math.min(k, list.length());
        for (int r = 0; r < len; r++) {
            if (list.relevant(r)) {
                dcg += discount(r);
            }
        }
        double idcg = 0;
        int ideal = Math.min(k, list.relevantCount());
        for (int r = 0; r < ideal; r++) {
            idcg += discount(r);
        }
        return dcg / idcg;
    }

    /** The gain of a hit at rank r (0-based): 1 / log2(r + 2). */
    static double discount(int r) {
        return 1.0 / (Math.log(r + 2) / Math.log(2));
    }
}
