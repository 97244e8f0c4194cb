package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.teacher.Teachers;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import dev.unkd.train.PdBprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trained teachers under {@code DIR/cache}: {@code teacher-KEY.unkd} (a model file) and
 * {@code teacher-KEY.json} (its metrics), KEY hashing the data fingerprint, the teacher's
 * settings and seed. A teacher is the slowest part of an experiment (MF-100 at lr 0.001 needs
 * about 500 epochs on CiteULike), so a rerun, a new method or a new grid reuses it. The model
 * file is written last: a JSON without its model file does not count as cached.
 */
final class TeacherCache {
    private final Path dir;
    private final ChunkedExecutor executor;
    private int trained;
    private String loadedKey;
    private Teacher loaded;

    TeacherCache(Path dir, ChunkedExecutor executor) {
        this.dir = dir;
        this.executor = executor;
    }

    static String key(long dataFingerprint, TeacherSpec spec, long seed) {
        String plain = String.join("|", "teacher-v1", Long.toHexString(dataFingerprint), spec.model().canonical(),
                spec.training().toString(), Long.toString(seed));
        // a PD teacher hashes its gamma too; plain teachers keep their key, so existing caches stay valid
        return Hashes.of(spec.pdGamma().isPresent() ? plain + "|pd=" + spec.pdGamma().getAsDouble() : plain);
    }

    /** Teachers trained (not read from the cache) by this instance. */
    int trained() {
        return trained;
    }

    Path modelFile(String key) {
        return dir.resolve("teacher-" + key + ".unkd");
    }

    private Path resultFile(String key) {
        return dir.resolve("teacher-" + key + ".json");
    }

    /** The cached result, if both files exist. */
    Optional<TeacherResult> cached(String key) {
        return Files.isRegularFile(modelFile(key)) ? ResultFiles.read(resultFile(key), TeacherResult.class) : Optional.empty();
    }

    /** Trains the teacher, evaluates it, and stores model and metrics. */
    TeacherResult train(Dataset data, TeacherSpec spec, long seed, Evaluator evaluator, TrainingListener listener) throws IOException {
        String key = key(data.fingerprint(), spec, seed);
        TrainableModel model = spec.model().create(data, seed, executor);
        TrainingResult r = new Trainer(spec.training().config(seed), executor, listener)
                .train(model, data.train(), data.valid(), evaluator, List.of(objective(data, spec)));
        EvaluationReport test = evaluator.evaluate(model.scorer(), data.test());
        TeacherResult result = new TeacherResult(key, data.name(), spec.name(), spec.model().label(), seed,
                r.bestValidation().map(Metrics::of).orElse(Metrics.EMPTY), Metrics.of(test), r.bestEpoch(), r.epochsRun(),
                r.trainSeconds(), r.curve().stream().map(p -> new CurvePoint(p.epoch(), p.value())).toList());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("experimentTeacher", spec.name());
        provenance.put("training", spec.training().toString());
        provenance.put("seed", seed);
        provenance.put("bestEpoch", r.bestEpoch());
        spec.pdGamma().ifPresent(g -> provenance.put("pdGamma", g));
        Files.createDirectories(dir);
        ResultFiles.write(resultFile(key), result);
        ModelFile.save(Models.toSaved(model, data, provenance), modelFile(key));
        trained++;
        loadedKey = null;
        return result;
    }

    private static BatchObjective objective(Dataset data, TeacherSpec spec) {
        return spec.pdGamma().isPresent() ? PdBprObjective.of(data.train(), spec.pdGamma().getAsDouble()) : new BprObjective(1.0);
    }

    /** The teacher for distillation, loaded from its model file (the last one stays in memory). */
    Teacher teacher(Dataset data, String key) throws IOException {
        if (!key.equals(loadedKey)) {
            loaded = null; // let the previous one go before loading the next
            loaded = Teachers.fromModelFile(modelFile(key), data);
            loadedKey = key;
        }
        return loaded;
    }
}
