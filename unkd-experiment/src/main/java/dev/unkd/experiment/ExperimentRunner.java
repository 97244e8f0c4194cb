package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.distill.DistillationMethods;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.UserAveraging;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs an experiment: for every dataset and student, the teacher(s) (from the cache when
 * possible), then for every row its grid on the search seeds, the pick by mean validation
 * NDCG@20, and the picked setting on every seed. Runs are sequential, each using all threads.
 *
 * <p>Every finished run is stored in {@code DIR/runs/KEY.json} at once, so an interrupted or
 * repeated experiment redoes only what is missing ({@code force} redoes all student runs; the
 * teacher cache stays, delete {@code DIR/cache} to retrain teachers). A run that throws is
 * recorded as a failure and the experiment goes on; a row whose search runs all failed has no
 * pick and no numbers.
 */
public final class ExperimentRunner {
    private final ExperimentConfig config;
    private final Path outDir;
    private final boolean force;
    private final ChunkedExecutor executor;
    private final ExperimentListener listener;
    private final RunTrainerFactory trainers;
    private final List<RunFailure> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final java.util.Set<String> warnedRuns = new java.util.HashSet<>();
    private TeacherCache teachers;
    private int total;
    private int index;
    private int runsTrained;
    private int runsReused;
    private double trainedSeconds;
    private int trainedCount;

    /** Makes the run trainer for a dataset (tests substitute one that fails on purpose). */
    interface RunTrainerFactory {
        RunTrainer create(Pipeline pipeline);
    }

    public ExperimentRunner(ExperimentConfig config, Path outDir, boolean force, ChunkedExecutor executor, ExperimentListener listener) {
        this(config, outDir, force, executor, listener, p -> new StudentTrainer(p, Optional.of(outDir.resolve("runs"))));
    }

    ExperimentRunner(ExperimentConfig config, Path outDir, boolean force, ChunkedExecutor executor, ExperimentListener listener,
            RunTrainerFactory trainers) {
        this.config = config;
        this.outDir = outDir;
        this.force = force;
        this.executor = executor;
        this.listener = listener;
        this.trainers = trainers;
    }

    /** Student runs the experiment consists of (grid points x search seeds, plus the picked settings' other seeds). */
    public static int plannedRuns(ExperimentConfig config) {
        int perDataset = 0;
        for (StudentSpec student : config.students()) {
            for (MethodSpec m : config.methods()) {
                if (m.runsFor(student)) {
                    for (MethodSpec.Arm arm : m.arms()) {
                        perDataset += runsOf(config, arm);
                    }
                }
            }
        }
        return perDataset * config.datasets().size();
    }

    /** The plan as text: every row's grid size and runs, the total, and budget warnings (for --dry-run). */
    public static String plan(ExperimentConfig config) {
        StringBuilder sb = new StringBuilder(config.name() + ": " + config.datasets().size() + " dataset(s) x " + config.students().size()
                + " student(s), seeds " + config.seeds() + ", grids searched on the first " + config.searchSeeds().size() + " seed(s)\n");
        for (DatasetSpec d : config.datasets()) {
            sb.append("dataset ").append(d.name()).append(": ").append(d.describe()).append('\n');
        }
        for (TeacherSpec t : config.teachers()) {
            sb.append("teacher ").append(t.name()).append(": ").append(t.model().canonical()).append(", ").append(t.training().describe())
                    .append(t.seed().isPresent() ? ", seed " + t.seed().getAsLong() + " for every run" : ", one per seed")
                    .append(t.pdGamma().isPresent() ? ", PD gamma " + t.pdGamma().getAsDouble() : "").append('\n');
        }
        for (MethodSpec m : config.methods()) {
            for (MethodSpec.Arm arm : m.arms()) {
                sb.append(String.format(java.util.Locale.ROOT, "row %-24s %3d grid point(s) -> %3d run(s) per student%s%s%n", arm.label(),
                        arm.points().size(), runsOf(config, arm), m.students().isEmpty() ? "" : " (students: " + String.join(", ", m.students()) + ")",
                        m.teacher().map(t -> " (teacher: " + t + ")").orElse("")));
            }
        }
        sb.append("student runs in all: ").append(plannedRuns(config)).append('\n');
        new ExperimentRunner(config, Path.of("."), false, null, new ExperimentListener() {
            @Override
            public void warning(String message) {
                sb.append("warning: ").append(message).append('\n');
            }
        }).budgetWarnings();
        return sb.toString();
    }

    private static int runsOf(ExperimentConfig config, MethodSpec.Arm arm) {
        int seeds = config.seeds().size();
        return arm.points().size() == 1 ? seeds : arm.points().size() * config.searchSeeds().size() + seeds - config.searchSeeds().size();
    }

    public ExperimentResults run() throws IOException {
        long start = System.nanoTime();
        teachers = new TeacherCache(outDir.resolve("cache"));
        RunStore store = new RunStore(outDir.resolve("runs"));
        int stale = 0;
        for (Path d : List.of(outDir, outDir.resolve("cache"), outDir.resolve("runs"))) {
            stale += ResultFiles.removeStaleTempFiles(d);
        }
        if (stale > 0) {
            listener.warning("removed " + stale + " temp file(s) left by an interrupted earlier run in " + outDir);
        }
        total = plannedRuns(config);
        index = 0;
        budgetWarnings();
        List<DatasetFacts> facts = new ArrayList<>();
        List<BackboneResults> tables = new ArrayList<>();
        for (DatasetSpec ds : config.datasets()) {
            Dataset data;
            try {
                data = ds.source().load(ds.name());
            } catch (IOException | RuntimeException e) {
                fail("dataset " + ds.name(), e);
                index += runsPerDataset();
                continue;
            }
            listener.datasetLoaded(ds.name(), ds.describe(), data.numUsers(), data.numItems(), data.train().size(),
                    data.valid().size(), data.test().size());
            facts.add(DatasetFacts.of(data, ds.describe(), config.groups()));
            Pipeline pipeline = Pipeline.create().withExecutor(executor).withEvaluation(evaluationOptions().withAveraging(ds.averaging()));
            RunTrainer trainer = trainers.create(pipeline);
            for (StudentSpec student : config.students()) {
                tables.add(backbone(ds, data, student, pipeline, trainer, store));
            }
        }
        return new ExperimentResults(config, facts, tables, List.copyOf(failures), List.copyOf(warnings), (System.nanoTime() - start) / 1e9,
                teachers.trained(), runsTrained, runsReused);
    }

    EvaluationOptions evaluationOptions() {
        EvaluationOptions d = EvaluationOptions.defaults();
        return new EvaluationOptions(config.ks().stream().mapToInt(Integer::intValue).toArray(), config.groups(), 0, d.seed(), d.userBlock());
    }

    private int runsPerDataset() {
        return plannedRuns(config) / Math.max(1, config.datasets().size());
    }

    /**
     * The search budget is a row's number of grid points. Rows compared in one table should get
     * the same budget, or a method may win by being tuned harder; warn when they differ.
     */
    private void budgetWarnings() {
        Map<String, Integer> budgets = new LinkedHashMap<>();
        for (MethodSpec m : config.methods()) {
            if (m.method() != DistillationMethods.NONE) {
                budgets.put(m.label(), m.searchBudget());
            }
        }
        Set<Integer> distinct = new LinkedHashSet<>(budgets.values());
        if (distinct.size() > 1) {
            StringBuilder sb = new StringBuilder("search budgets differ between distillation methods (grid points per row:");
            budgets.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            sb.append("); a method searched over more settings has an advantage");
            warn(sb.toString());
        }
    }

    private BackboneResults backbone(DatasetSpec ds, Dataset data, StudentSpec student, Pipeline pipeline, RunTrainer trainer,
            RunStore store) {
        TeacherSpec teacherSpec = config.teacher(student.teacher());
        // the student's own teacher first (its row heads the tables), then those that methods name instead
        Map<String, Map<Long, TeacherResult>> teacherBySeed = new LinkedHashMap<>();
        Map<String, Map<Long, String>> teacherFailure = new LinkedHashMap<>();
        List<String> needed = new ArrayList<>(List.of(student.teacher()));
        config.methods().stream().filter(m -> m.runsFor(student)).map(m -> m.teacherFor(student)).filter(t -> !needed.contains(t))
                .distinct().forEach(needed::add);
        for (String name : needed) {
            TeacherSpec spec = config.teacher(name);
            Map<Long, TeacherResult> bySeed = teacherBySeed.computeIfAbsent(name, n -> new LinkedHashMap<>());
            Map<Long, String> failed = teacherFailure.computeIfAbsent(name, n -> new LinkedHashMap<>());
            for (long seed : config.seeds()) {
                long ts = spec.seedFor(seed);
                if (bySeed.containsKey(ts) || failed.containsKey(ts)) {
                    continue;
                }
                try {
                    bySeed.put(ts, teacher(data, spec, ts, pipeline, ds.averaging()));
                } catch (IOException | RuntimeException e) {
                    failed.put(ts, fail("teacher " + spec.name() + " seed " + ts + " on " + ds.name(), e));
                }
            }
        }
        List<ArmResult> arms = new ArrayList<>();
        for (MethodSpec method : config.methods()) {
            if (!method.runsFor(student)) {
                continue;
            }
            String teacherName = method.teacherFor(student);
            for (MethodSpec.Arm arm : method.arms()) {
                arms.add(arm(ds, data, student, config.teacher(teacherName), arm, trainer, store, teacherFailure.get(teacherName)));
            }
        }
        Map<TeacherSpec, List<TeacherResult>> others = new LinkedHashMap<>();
        needed.stream().skip(1).forEach(n -> others.put(config.teacher(n), List.copyOf(teacherBySeed.get(n).values())));
        return new BackboneResults(ds, student, teacherSpec, List.copyOf(teacherBySeed.get(student.teacher()).values()), others, arms);
    }

    private TeacherResult teacher(Dataset data, TeacherSpec spec, long seed, Pipeline pipeline, UserAveraging averaging) throws IOException {
        String key = TeacherCache.key(data.fingerprint(), spec, seed, averaging);
        Optional<TeacherResult> cached = teachers.verified(data, key, problem -> warn("cached teacher " + spec.name() + " seed " + seed
                + " on " + data.name() + " is unusable, retraining it: " + problem));
        if (cached.isPresent()) {
            listener.teacherReady(cached.get(), true);
            return cached.get();
        }
        TeacherResult r = teachers.train(data, spec, seed, pipeline,
                listener.teacherStarting("teacher " + spec.name() + " seed " + seed + " on " + data.name()));
        listener.teacherReady(r, false);
        return r;
    }

    private ArmResult arm(DatasetSpec ds, Dataset data, StudentSpec student, TeacherSpec teacherSpec, MethodSpec.Arm arm, RunTrainer trainer,
            RunStore store, Map<Long, String> teacherFailure) {
        List<Map<String, Object>> points = arm.points();
        List<GridPoint> grid = new ArrayList<>();
        Map<Map<String, Object>, Map<Long, RunResult>> done = new LinkedHashMap<>();
        Map<String, Object> picked = points.get(0);
        if (points.size() > 1) {
            double best = Double.NEGATIVE_INFINITY;
            Map<String, Object> choice = null;
            for (Map<String, Object> point : points) {
                List<RunResult> runs = new ArrayList<>();
                int failed = 0;
                for (long seed : config.searchSeeds()) {
                    Optional<RunResult> r = run(ds, data, student, teacherSpec, arm, point, seed, trainer, store, teacherFailure);
                    if (r.isPresent()) {
                        runs.add(r.get());
                        done.computeIfAbsent(point, p -> new LinkedHashMap<>()).put(seed, r.get());
                    } else {
                        failed++;
                    }
                }
                GridPoint gp = new GridPoint(point, runs, failed);
                grid.add(gp);
                // ties keep the earlier point: the config's order is the tie-break
                if (!Double.isNaN(gp.meanValid()) && gp.meanValid() > best) {
                    best = gp.meanValid();
                    choice = point;
                }
            }
            if (choice == null) {
                warn("no setting of " + arm.label() + " on " + ds.name() + " / " + student.name() + " finished; the row is empty");
                index += config.seeds().size() - config.searchSeeds().size();
                return new ArmResult(ds.name(), student.name(), arm, grid, Optional.empty(), List.of());
            }
            picked = choice;
            listener.picked(ds.name(), student.name(), arm.label(), ParamValues.describe(choice), best, points.size());
        }
        List<RunResult> finals = new ArrayList<>();
        for (long seed : config.seeds()) {
            RunResult prior = done.getOrDefault(picked, Map.of()).get(seed);
            if (prior != null) {
                finals.add(prior);
                continue;
            }
            run(ds, data, student, teacherSpec, arm, picked, seed, trainer, store, teacherFailure).ifPresent(finals::add);
        }
        if (points.size() == 1) {
            grid.add(new GridPoint(picked, finals.stream().filter(r -> config.searchSeeds().contains(r.seed())).toList(), 0));
        }
        return new ArmResult(ds.name(), student.name(), arm, grid, Optional.of(picked), finals);
    }

    /** One run: the stored result when there is one (and not forced), else trained and stored; empty when it failed. */
    private Optional<RunResult> run(DatasetSpec ds, Dataset data, StudentSpec student, TeacherSpec teacherSpec, MethodSpec.Arm arm,
            Map<String, Object> point, long seed, RunTrainer trainer, RunStore store, Map<Long, String> teacherFailure) {
        index++;
        long teacherSeed = teacherSpec.seedFor(seed);
        MethodSetting setting = MethodSettings.resolve(arm.spec().method(), student.training(), point);
        RunSpec spec = new RunSpec(ds.name(), data.fingerprint(), student, teacherSpec, TeacherCache.key(data.fingerprint(), teacherSpec,
                teacherSeed, ds.averaging()), arm.label(), arm.spec().method(), setting, seed, config.ks(), config.groups(), ds.averaging());
        if (!force) {
            Optional<RunResult> stored = store.read(spec.key(), problem -> {
                if (warnedRuns.add(spec.key())) {
                    warn("stored run " + spec.describe() + " is unreadable or incomplete, redoing it: " + problem);
                }
            });
            if (stored.isPresent()) {
                runsReused++;
                RunResult r = stored.get().withLabel(arm.label());
                listener.runFinished(index, total, r, true);
                return Optional.of(r);
            }
        }
        if (spec.method() != DistillationMethods.NONE && teacherFailure.containsKey(teacherSeed)) {
            RunFailure f = new RunFailure(spec.describe(), "teacher failed: " + teacherFailure.get(teacherSeed));
            failures.add(f);
            listener.runFailed(index, total, spec, new IllegalStateException(f.message()));
            return Optional.empty();
        }
        double eta = trainedCount == 0 ? Double.NaN : trainedSeconds / trainedCount * (total - index + 1);
        try {
            RunResult r = trainer.train(spec, data, () -> teachers.teacher(data, spec.teacherKey()),
                    listener.runStarting(index, total, spec, eta));
            store.write(r);
            runsTrained++;
            trainedCount++;
            trainedSeconds += r.seconds();
            listener.runFinished(index, total, r, false);
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            failures.add(new RunFailure(spec.describe(), message(e)));
            listener.runFailed(index, total, spec, e);
            return Optional.empty();
        }
    }

    private String fail(String what, Exception e) {
        failures.add(new RunFailure(what, message(e)));
        listener.warning(what + " failed: " + message(e));
        return message(e);
    }

    private void warn(String message) {
        warnings.add(message);
        listener.warning(message);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
