package dev.unkd.eval;

/** Recall@K = hits in the top K / number of the user's held-out items (METHOD.md section 1). */
public record Recall(int k) implements ListMetric {
    public Recall {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        return (double) Cutoffs.hits(list, k) / list.relevantCount();
    }
}
