package dev.unkd.eval;

/** Hit@K = 1 when the top K holds at least one held-out item, else 0 (HR@K averaged over users). */
public record Hit(int k) implements ListMetric {
    public Hit {
        Cutoffs.check(k);
    }

    @Override
    public double evaluate(JudgedList list) {
        return Cutoffs.hits(list, k) > 0 ? 1 : 0;
    }
}
