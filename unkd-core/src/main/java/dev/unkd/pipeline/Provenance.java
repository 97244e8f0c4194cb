package dev.unkd.pipeline;

import dev.unkd.model.ModelSpec;
import dev.unkd.train.PairSampling;
import dev.unkd.train.TrainingConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a model file records about how its model was made: the unkd version, the data, every
 * model, training and method setting (defaults included) and the seed, in canonical form: maps
 * sorted by key at every level, records as maps of their components, enums by name. Equal runs
 * therefore write equal bytes, whatever the JVM's hash order. Built by {@link Pipeline} only.
 */
final class Provenance {
    private final SortedMap<String, Object> entries = new TreeMap<>();

    Provenance(String dataName, ModelSpec model, TrainingConfig training) {
        entries.put("unkdVersion", UnkdVersion.get());
        entries.put("data", dataName);
        entries.put("model", model.type());
        entries.put("dim", model.dim());
        if (model.isGraphModel()) {
            entries.put("layers", model.layers());
            entries.put("keepProb", model.keepProb());
        }
        entries.put("lr", training.lr());
        entries.put("decay", training.decay());
        entries.put("batch", training.batchSize());
        entries.put("epochs", training.epochs());
        entries.put("evalEvery", training.evalEvery());
        entries.put("patience", training.patience());
        entries.put("adam", training.lazyAdam() ? "lazy" : "dense");
        if (training.sampling() != PairSampling.INTERACTIONS) { // the default is not recorded: model files of default runs keep their bytes
            entries.put("sampling", training.sampling().label());
        }
        if (!training.schedule().isConstant()) { // likewise
            entries.put("lrSchedule", training.schedule().label());
        }
        if (!training.negatives().isUniform()) { // likewise
            entries.put("negatives", training.negatives().label());
        }
        entries.put("selectMetric", String.valueOf(training.selectMetric()));
        entries.put("seed", training.seed());
    }

    Provenance put(String key, Object value) {
        entries.put(key, canonical(value));
        return this;
    }

    SortedMap<String, Object> asMap() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** Maps sorted, records as sorted maps of their components, enums by name, lists element-wise, empty optionals null. */
    static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            SortedMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof Record record) {
            SortedMap<String, Object> sorted = new TreeMap<>();
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                sorted.put(c.getName(), canonical(component(record, c)));
            }
            return sorted;
        }
        if (value instanceof java.util.Optional<?> o) {
            return o.map(Provenance::canonical).orElse(null);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Provenance::canonical).toList();
        }
        return value;
    }

    private static Object component(Record record, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }
}
