package dev.unkd.experiment;

import dev.unkd.eval.MetricKey;
import dev.unkd.train.TrainingConfig;

/**
 * How each method's setting is chosen: by the mean validation NDCG@20 ({@link #METRIC}, the
 * metric that also picks every run's best epoch) over the search seeds; test metrics never take
 * part in the choice.
 *
 * @param seeds how many of the experiment's seeds (the first ones) train every grid point; the
 *     picked setting is then trained with the remaining seeds. Fewer search seeds keep big grids
 *     affordable; all seeds make the choice less noisy.
 */
record SearchSettings(int seeds) {
    static final MetricKey METRIC = TrainingConfig.DEFAULT_SELECT_METRIC;
}
