package dev.unkd.eval;

/**
 * Inverse-propensity weights of held-out items for the unbiased offline evaluation of Yang,
 * Cui, Kuan, Wu, Shen, Estrin (RecSys 2018): an item's chance of being observed grows with its
 * popularity, so each held-out item i is weighted by w_i = (pop_i + 1)^(−γ), pop_i its training
 * interactions (+ 1 keeps items without training interactions finite). γ = 0 gives weight 1
 * (plain recall and NDCG); larger γ corrects more strongly towards the long tail. Immutable.
 */
public final class IpsWeights {
    private final double gamma;
    private final double[] weight;

    /** Weights for the given training popularity (not kept) and exponent γ &gt;= 0. */
    public IpsWeights(int[] popularity, double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("Invalid IPS gamma: " + gamma + " (must be a finite number >= 0)");
        }
        this.gamma = gamma;
        this.weight = new double[popularity.length];
        for (int i = 0; i < popularity.length; i++) {
            weight[i] = gamma == 0 ? 1.0 : Math.pow(popularity[i] + 1.0, -gamma);
        }
    }

    public double gamma() {
        return gamma;
    }

    /** w_i of item i. */
    public double of(int item) {
        return weight[item];
    }
}
