package dev.unkd.train;

/** Adam hyper-parameters, PyTorch defaults for betas and epsilon. */
public record AdamConfig(double lr, double beta1, double beta2, double eps) {
    public AdamConfig {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Invalid Adam betas: " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("Invalid Adam epsilon: " + eps);
        }
    }

    public static AdamConfig of(double lr) {
        return new AdamConfig(lr, 0.9, 0.999, 1e-8);
    }
}
