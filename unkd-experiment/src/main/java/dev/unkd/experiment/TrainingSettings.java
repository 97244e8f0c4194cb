package dev.unkd.experiment;

import dev.unkd.train.LearningRateSchedule;
import dev.unkd.train.NegativeSampling;
import dev.unkd.train.PairSampling;
import dev.unkd.train.TrainingConfig;

/**
 * The training loop of a teacher or student ({@link TrainingConfig} without the seed, which
 * each run supplies).
 */
record TrainingSettings(double lr, double decay, int batch, int epochs, int evalEvery, int patience, boolean lazyAdam,
        PairSampling sampling, LearningRateSchedule lrSchedule, NegativeSampling negatives) {
    /** The config keys that set these fields; method parameters with these names go to the training loop. */
    static final java.util.List<String> KEYS = java.util.List.of("lr", "decay", "batch", "epochs", "evalEvery", "patience", "lazyAdam",
            "sampling", "lrSchedule", "negatives");

    TrainingSettings {
        // the same rules as the training loop itself (the parameters, not yet the fields)
        new TrainingConfig(lr, decay, batch, epochs, evalEvery, patience, 0, lazyAdam, TrainingConfig.DEFAULT_SELECT_METRIC, sampling,
                lrSchedule, negatives);
    }

    static TrainingSettings defaults() {
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingSettings(d.lr(), d.decay(), d.batchSize(), d.epochs(), d.evalEvery(), d.patience(), d.lazyAdam(), d.sampling(),
                d.schedule(), d.negatives());
    }

    TrainingConfig config(long seed) {
        return new TrainingConfig(lr, decay, batch, epochs, evalEvery, patience, seed, lazyAdam, TrainingConfig.DEFAULT_SELECT_METRIC, sampling,
                lrSchedule, negatives);
    }

    /**
     * The text run and teacher keys hash: the record's own form of the fields before sampling
     * existed, with ", sampling=users", ", lrSchedule=plateau:..." and ", negatives=popularity"
     * only when they are not the defaults, so stored runs keep their keys.
     */
    @Override
    public String toString() {
        return "TrainingSettings[lr=" + lr + ", decay=" + decay + ", batch=" + batch + ", epochs=" + epochs + ", evalEvery=" + evalEvery
                + ", patience=" + patience + ", lazyAdam=" + lazyAdam + (sampling == PairSampling.INTERACTIONS ? "" : ", sampling=" + sampling.label())
                + (lrSchedule.isConstant() ? "" : ", lrSchedule=" + lrSchedule.label())
                + (negatives.isUniform() ? "" : ", negatives=" + negatives.label()) + "]";
    }

    /** "lr=0.001 decay=0.001 batch=2048 epochs<=1000 patience=20", for tables. */
    String describe() {
        return "lr=" + ParamValues.format(lr) + " decay=" + ParamValues.format(decay) + " batch=" + batch + " epochs<=" + epochs
                + " eval every " + evalEvery + " patience=" + patience + (lazyAdam ? "" : " dense Adam")
                + (sampling == PairSampling.INTERACTIONS ? "" : " sampling=" + sampling.label())
                + (lrSchedule.isConstant() ? "" : " lrSchedule=" + lrSchedule.label())
                + (negatives.isUniform() ? "" : " negatives=" + negatives.label());
    }

    /** These settings with one field replaced by its config key (a name of {@link #KEYS}). */
    TrainingSettings with(String key, Object value) {
        return switch (key) {
            case "lr" -> new TrainingSettings(asDouble(value), decay, batch, epochs, evalEvery, patience, lazyAdam, sampling, lrSchedule, negatives);
            case "decay" -> new TrainingSettings(lr, asDouble(value), batch, epochs, evalEvery, patience, lazyAdam, sampling, lrSchedule, negatives);
            case "batch" -> new TrainingSettings(lr, decay, asInt(value), epochs, evalEvery, patience, lazyAdam, sampling, lrSchedule, negatives);
            case "epochs" -> new TrainingSettings(lr, decay, batch, asInt(value), evalEvery, patience, lazyAdam, sampling, lrSchedule, negatives);
            case "evalEvery" -> new TrainingSettings(lr, decay, batch, epochs, asInt(value), patience, lazyAdam, sampling, lrSchedule, negatives);
            case "patience" -> new TrainingSettings(lr, decay, batch, epochs, evalEvery, asInt(value), lazyAdam, sampling, lrSchedule, negatives);
            case "lazyAdam" -> new TrainingSettings(lr, decay, batch, epochs, evalEvery, patience, asBoolean(value), sampling, lrSchedule, negatives);
            case "sampling" -> new TrainingSettings(lr, decay, batch, epochs, evalEvery, patience, lazyAdam, asSampling(value), lrSchedule, negatives);
            case "lrSchedule" -> new TrainingSettings(lr, decay, batch, epochs, evalEvery, patience, lazyAdam, sampling, asSchedule(value), negatives);
            case "negatives" -> new TrainingSettings(lr, decay, batch, epochs, evalEvery, patience, lazyAdam, sampling, lrSchedule,
                    asNegatives(value));
            default -> throw new IllegalArgumentException("not a training key: " + key);
        };
    }

    private static double asDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("must be a number, got " + ParamValues.shown(v));
    }

    private static int asInt(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("must be an integer, got " + ParamValues.shown(v));
    }

    private static PairSampling asSampling(Object v) {
        if (v instanceof String text) {
            return PairSampling.parse(text);
        }
        throw new IllegalArgumentException("must be interactions or users, got " + ParamValues.shown(v));
    }

    private static LearningRateSchedule asSchedule(Object v) {
        if (v instanceof String text) {
            return LearningRateSchedule.parse(text);
        }
        throw new IllegalArgumentException("must be constant or plateau:FACTOR:PATIENCE:MIN_LR, got " + ParamValues.shown(v));
    }

    private static NegativeSampling asNegatives(Object v) {
        if (v instanceof String text) {
            return NegativeSampling.parse(text);
        }
        throw new IllegalArgumentException("must be uniform, popularity or popularity:SHARE, got " + ParamValues.shown(v));
    }

    private static boolean asBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("must be true or false, got " + ParamValues.shown(v));
    }
}
