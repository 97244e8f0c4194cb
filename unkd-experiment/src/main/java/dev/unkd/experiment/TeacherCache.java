package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.UserAveraging;
import dev.unkd.model.ModelCheckpoints;
import dev.unkd.model.SplitCheck;
import dev.unkd.pipeline.CheckpointPlan;
import dev.unkd.pipeline.Pipeline;
import dev.unkd.pipeline.TrainedModel;
import dev.unkd.teacher.Teacher;
import dev.unkd.teacher.Teachers;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Trained teachers under {@code DIR/cache}: {@code teacher-KEY.unkd} (a model file) and
 * {@code teacher-KEY.json} (its metrics), KEY hashing the data fingerprint, the teacher's
 * settings and seed. A teacher is the slowest part of an experiment (MF-100 at lr 0.001 needs
 * about 500 epochs on CiteULike), so a rerun, a new method or a new grid reuses it. The model
 * file is written last: a JSON without its model file does not count as cached, and a cached
 * teacher is verified (its model file loads and fits the data) before use, else retrained. A
 * teacher with checkpoints also keeps {@code teacher-KEY.checkpoints/}, its trajectory for hetcomp.
 */
final class TeacherCache {
    private final Path dir;
    private final int keep;
    private int trained;
    /** Teachers loaded for runs, least recently used first; parallel runs may use several at once. */
    private final java.util.LinkedHashMap<String, Teacher> loaded = new java.util.LinkedHashMap<>(4, 0.75f, true);

    TeacherCache(Path dir) {
        this(dir, 1);
    }

    /** @param keep teachers kept loaded at once (the number of runs that may train at once) */
    TeacherCache(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** The key of a teacher whose stored metrics are averaged as {@code averaging} says. */
    static String key(long dataFingerprint, TeacherSpec spec, long seed, UserAveraging averaging) {
        // v2 as in RunSpec.key: teachers trained before the LazyAdam fix are trained again
        String plain = String.join("|", "teacher-v2", Long.toHexString(dataFingerprint), spec.model().canonical(),
                spec.training().toString(), Long.toString(seed));
        // a PD teacher hashes its gamma too, one with checkpoints their epochs, one averaged over all users its averaging;
        // plain teachers keep their key, so existing caches stay valid
        String text = spec.pdGamma().isPresent() ? plain + "|pd=" + spec.pdGamma().getAsDouble() : plain;
        if (!spec.checkpoints().isEmpty()) {
            text += "|checkpoints=" + spec.checkpoints();
        }
        return Hashes.of(averaging == UserAveraging.HELD_OUT_USERS ? text : text + "|averaging=" + averaging.id());
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

    /**
     * The cached result, verified: both files read and the model file loads for {@code data}
     * (checksums, finite tables, training-data fingerprint); the loaded teacher is kept for the
     * runs. Empty when nothing is cached or, with {@code problem} told why, when a file is corrupt.
     */
    Optional<TeacherResult> verified(Dataset data, String key, java.util.function.Consumer<String> problem) {
        if (!Files.exists(modelFile(key))) {
            return Optional.empty();
        }
        Optional<TeacherResult> result = ResultFiles.read(resultFile(key), TeacherResult.class, problem);
        if (result.isEmpty()) {
            return result;
        }
        try {
            teacher(data, key);
            return result;
        } catch (IOException | RuntimeException e) {
            forget(key);
            problem.accept(ExperimentRunner.message(e));
            return Optional.empty();
        }
    }

    /** Trains the teacher, evaluates it, and stores model (with the library's provenance) and metrics. */
    TeacherResult train(Dataset data, TeacherSpec spec, long seed, Pipeline pipeline, TrainingListener listener) throws IOException {
        String key = key(data.fingerprint(), spec, seed, pipeline.evaluation().averaging());
        Pipeline run = pipeline.withListener(listener);
        if (!spec.checkpoints().isEmpty()) {
            run = run.withCheckpoints(CheckpointPlan.at(spec.checkpoints(), ModelCheckpoints.directoryFor(modelFile(key))));
        }
        TrainingConfig config = spec.training().config(seed);
        TrainedModel model = spec.pdGamma().isPresent() ? run.trainPd(data, spec.model(), config, spec.pdGamma().getAsDouble())
                : run.train(data, spec.model(), config);
        TrainingResult r = model.training().orElseThrow();
        EvaluationReport test = run.evaluate(model, data.test());
        TeacherResult result = new TeacherResult(key, data.name(), spec.name(), spec.model().label(), seed,
                r.bestValidation().map(Metrics::of).orElse(Metrics.EMPTY), Metrics.of(test), r.bestEpoch(), r.epochsRun(),
                r.trainSeconds(), r.curve().stream().map(p -> new CurvePoint(p.epoch(), p.value())).toList());
        Files.createDirectories(dir);
        ResultFiles.write(resultFile(key), result);
        model.save(modelFile(key));
        trained++;
        forget(key);
        return result;
    }

    /**
     * The teacher for distillation, loaded from its model file, with its training trajectory when it
     * was trained with checkpoints (the {@code keep} most recently used stay in memory).
     */
    synchronized Teacher teacher(Dataset data, String key) throws IOException {
        Teacher t = loaded.get(key);
        if (t == null) {
            // let the least recently used go before loading the next
            while (loaded.size() >= keep) {
                loaded.remove(loaded.keySet().iterator().next());
            }
            Path checkpoints = ModelCheckpoints.directoryFor(modelFile(key));
            t = Files.isDirectory(checkpoints) ? Teachers.trajectory(modelFile(key), checkpoints, data, SplitCheck.SAME_SPLIT)
                    : Teachers.fromModelFile(modelFile(key), data);
            loaded.put(key, t);
        }
        return t;
    }

    private synchronized void forget(String key) {
        loaded.remove(key);
    }
}
