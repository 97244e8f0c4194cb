package dev.unkd.train;

import dev.unkd.eval.MetricKey;
import dev.unkd.eval.MetricName;

/**
 * Hyper-parameters of the training loop; defaults are the UnKD README's (METHOD.md section 3).
 *
 * @param lr Adam learning rate (0.01)
 * @param decay L2 weight: decay * 0.5 * (|p_u|^2 + |q_i|^2 + |q_j|^2) / batch on layer-0 rows (0.01)
 * @param batchSize training triples per step (2048)
 * @param epochs maximum epochs (1000)
 * @param evalEvery validate every this many epochs (5)
 * @param patience stop after this many validations without improvement (20; counted afresh after each learning-rate reduction)
 * @param seed seed of initialisation, shuffling and negative sampling (2022)
 * @param lazyAdam apply Adam's zero-gradient row updates lazily in closed form (true) or densely
 * @param selectMetric validation metric that picks the best epoch, a scalar one ({@link #DEFAULT_SELECT_METRIC})
 * @param sampling how an epoch draws its training pairs ({@link PairSampling#INTERACTIONS})
 * @param schedule how the learning rate changes at validations ({@link LearningRateSchedule#CONSTANT})
 * @param negatives how BPR's negative items are drawn ({@link NegativeSampling#UNIFORM})
 */
public record TrainingConfig(double lr, double decay, int batchSize, int epochs, int evalEvery, int patience, long seed,
        boolean lazyAdam, MetricKey selectMetric, PairSampling sampling, LearningRateSchedule schedule,
        NegativeSampling negatives) {
    /** NDCG@20: the paper's model selection on the validation users (METHOD.md section 1). */
    public static final MetricKey DEFAULT_SELECT_METRIC = MetricName.NDCG.at(20);

    public TrainingConfig {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr);
        }
        if (!(decay >= 0)) {
            throw new IllegalArgumentException("Invalid decay: " + decay);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size: " + batchSize);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("Invalid number of epochs: " + epochs);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("Invalid evaluation interval: " + evalEvery);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("Invalid patience: " + patience);
        }
        if (selectMetric == null) {
            throw new IllegalArgumentException("Invalid selection metric: null");
        }
        if (selectMetric.metric().perGroup()) {
            throw new IllegalArgumentException("Invalid selection metric: " + selectMetric
                    + " has one value per group; pick a scalar such as " + DEFAULT_SELECT_METRIC);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("Invalid pair sampling: null");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: null");
        }
        if (negatives == null) {
            throw new IllegalArgumentException("Invalid negative sampling: null");
        }
        if (schedule.minLr() > lr) {
            throw new IllegalArgumentException("Invalid learning-rate schedule: its minimum rate " + schedule.minLr()
                    + " is above the learning rate " + lr);
        }
    }

    /** Uniform negatives. */
    public TrainingConfig(double lr, double decay, int batchSize, int epochs, int evalEvery, int patience, long seed, boolean lazyAdam,
            MetricKey selectMetric, PairSampling sampling, LearningRateSchedule schedule) {
        this(lr, decay, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, sampling, schedule, NegativeSampling.UNIFORM);
    }

    /** A constant learning rate. */
    public TrainingConfig(double lr, double decay, int batchSize, int epochs, int evalEvery, int patience, long seed, boolean lazyAdam,
            MetricKey selectMetric, PairSampling sampling) {
        this(lr, decay, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, sampling, LearningRateSchedule.CONSTANT);
    }

    /** Every interaction once per epoch ({@link PairSampling#INTERACTIONS}). */
    public TrainingConfig(double lr, double decay, int batchSize, int epochs, int evalEvery, int patience, long seed, boolean lazyAdam,
            MetricKey selectMetric) {
        this(lr, decay, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, PairSampling.INTERACTIONS);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(0.01, 0.01, 2048, 1000, 5, 20, 2022, true, DEFAULT_SELECT_METRIC);
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(lr, decay, batchSize, n, evalEvery, patience, seed, lazyAdam, selectMetric, sampling, schedule, negatives);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(lr, decay, batchSize, epochs, evalEvery, patience, s, lazyAdam, selectMetric, sampling, schedule, negatives);
    }

    public TrainingConfig withLr(double v) {
        return new TrainingConfig(v, decay, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, sampling, schedule, negatives);
    }

    public TrainingConfig withDecay(double v) {
        return new TrainingConfig(lr, v, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, sampling, schedule, negatives);
    }

    public TrainingConfig withLazyAdam(boolean lazy) {
        return new TrainingConfig(lr, decay, batchSize, epochs, evalEvery, patience, seed, lazy, selectMetric, sampling, schedule, negatives);
    }

    public TrainingConfig withSampling(PairSampling s) {
        return new TrainingConfig(lr, decay, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, s, schedule, negatives);
    }

    public TrainingConfig withSchedule(LearningRateSchedule s) {
        return new TrainingConfig(lr, decay, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, sampling, s, negatives);
    }

    public TrainingConfig withNegatives(NegativeSampling n) {
        return new TrainingConfig(lr, decay, batchSize, epochs, evalEvery, patience, seed, lazyAdam, selectMetric, sampling, schedule, n);
    }

    public TrainingConfig withEvalEvery(int every, int newPatience) {
        return new TrainingConfig(lr, decay, batchSize, epochs, every, newPatience, seed, lazyAdam, selectMetric, sampling, schedule, negatives);
    }
}
