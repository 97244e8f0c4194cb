package dev.unkd.experiment;

import dev.unkd.train.TrainingConfig;

/**
 * The training loop of a teacher or student ({@link TrainingConfig} without the seed, which
 * each run supplies).
 */
record TrainingSettings(double lr, double decay, int batch, int epochs, int evalEvery, int patience, boolean lazyAdam) {
    /** The config keys that set these fields; method parameters with these names go to the training loop. */
    static final java.util.List<String> KEYS = java.util.List.of("lr", "decay", "batch", "epochs", "evalEvery", "patience", "lazyAdam");

    TrainingSettings {
        // the same rules as the training loop itself
        new TrainingConfig(lr, decay, batch, epochs, evalEvery, patience, 0, lazyAdam, TrainingConfig.DEFAULT_SELECT_METRIC);
    }

    static TrainingSettings defaults() {
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingSettings(d.lr(), d.decay(), d.batchSize(), d.epochs(), d.evalEvery(), d.patience(), d.lazyAdam());
    }

    TrainingConfig config(long seed) {
        return new TrainingConfig(lr, decay, batch, epochs, evalEvery, patience, seed, lazyAdam, TrainingConfig.DEFAULT_SELECT_METRIC);
    }

    /** "lr=0.001 decay=0.001 batch=2048 epochs<=1000 patience=20", for tables. */
    String describe() {
        return "lr=" + ParamValues.format(lr) + " decay=" + ParamValues.format(decay) + " batch=" + batch + " epochs<=" + epochs
                + " eval every " + evalEvery + " patience=" + patience + (lazyAdam ? "" : " dense Adam");
    }

    /** These settings with one field replaced by its config key (a name of {@link #KEYS}). */
    TrainingSettings with(String key, Object value) {
        return switch (key) {
            case "lr" -> new TrainingSettings(asDouble(value), decay, batch, epochs, evalEvery, patience, lazyAdam);
            case "decay" -> new TrainingSettings(lr, asDouble(value), batch, epochs, evalEvery, patience, lazyAdam);
            case "batch" -> new TrainingSettings(lr, decay, asInt(value), epochs, evalEvery, patience, lazyAdam);
            case "epochs" -> new TrainingSettings(lr, decay, batch, asInt(value), evalEvery, patience, lazyAdam);
            case "evalEvery" -> new TrainingSettings(lr, decay, batch, epochs, asInt(value), patience, lazyAdam);
            case "patience" -> new TrainingSettings(lr, decay, batch, epochs, evalEvery, asInt(value), lazyAdam);
            case "lazyAdam" -> new TrainingSettings(lr, decay, batch, epochs, evalEvery, patience, asBoolean(value));
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

    private static boolean asBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("must be true or false, got " + ParamValues.shown(v));
    }
}
