package dev.unkd.train;

/** Numerically stable log(1 + e^x) and the logistic function. */
public final class Softplus {
    private Softplus() {
    }

    /** log(1 + e^x) without overflow: -log sigmoid(-x). */
    public static double of(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
