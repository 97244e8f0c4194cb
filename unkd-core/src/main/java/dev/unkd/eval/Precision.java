package dev.unkd.eval;

/** Precision@K = hits in the top K / K, also when the list is shorter than K (METHOD.md section 1). */
public record Precision(int k) implements ListMetric {
    public Precision {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        return (double) Cutoffs.hits(list, k) / k;
    }
}
