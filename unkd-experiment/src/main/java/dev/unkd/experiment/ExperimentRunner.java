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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs an experiment: for every dataset, every student's teacher(s) (from the cache when
 * possible), then for every student and row its grid on the search seeds, the pick by mean
 * validation NDCG@20, and the picked setting on every seed. Teachers train one after another on all threads;
 * student runs train one at a time on all threads, or with {@code parallelRuns} N, N at a time on
 * an Nth of the threads each ({@link RunWorkers}). Either way the results, tables and files are the
 * same: every run is numbered in the sequential order, and failures and warnings are reported in it.
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
    private final int parallelRuns;
    private final Object lock = new Object();
    private final List<RunFailure> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Ordered<Object>> pending = new ArrayList<>();
    private final java.util.Set<String> warnedRuns = new java.util.HashSet<>();
    private TeacherCache teachers;
    private int total;
    private int planned;
    private int started;
    private int runsTrained;
    private int runsReused;
    private double trainedSeconds;
    private int trainedCount;

    /** Makes the run trainer for a dataset (tests substitute one that fails on purpose). */
    interface RunTrainerFactory {
        RunTrainer create(Pipeline pipeline);
    }

    /** A failure or warning of a run, kept with the run's number so they are reported in the sequential order. */
    private record Ordered<T>(int index, T value) {
    }

    public ExperimentRunner(ExperimentConfig config, Path outDir, boolean force, ChunkedExecutor executor, ExperimentListener listener) {
        this(config, outDir, force, executor, listener, 1);
    }

    /** @param parallelRuns student runs trained at once (1: one at a time, each on all of {@code executor}'s threads) */
    public ExperimentRunner(ExperimentConfig config, Path outDir, boolean force, ChunkedExecutor executor, ExperimentListener listener,
            int parallelRuns) {
        this(config, outDir, force, executor, listener, p -> new StudentTrainer(p, Optional.of(outDir.resolve("runs"))), parallelRuns);
    }

    ExperimentRunner(ExperimentConfig config, Path outDir, boolean force, ChunkedExecutor executor, ExperimentListener listener,
            RunTrainerFactory trainers) {
        this(config, outDir, force, executor, listener, trainers, 1);
    }

    ExperimentRunner(ExperimentConfig config, Path outDir, boolean force, ChunkedExecutor executor, ExperimentListener listener,
            RunTrainerFactory trainers, int parallelRuns) {
        if (parallelRuns < 1) {
            throw new IllegalArgumentException("Invalid number of parallel runs: " + parallelRuns + " (expected at least 1)");
        }
        this.config = config;
        this.outDir = outDir;
        this.force = force;
        this.executor = executor;
        this.listener = parallelRuns == 1 ? listener : SynchronizedListener.of(listener);
        this.trainers = trainers;
        this.parallelRuns = parallelRuns;
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
        teachers = new TeacherCache(outDir.resolve("cache"), parallelRuns);
        RunStore store = new RunStore(outDir.resolve("runs"));
        int stale = 0;
        for (Path d : List.of(outDir, outDir.resolve("cache"), outDir.resolve("runs"))) {
            stale += ResultFiles.removeStaleTempFiles(d);
        }
        if (stale > 0) {
            listener.warning("removed " + stale + " temp file(s) left by an interrupted earlier run in " + outDir);
        }
        total = plannedRuns(config);
        planned = 0;
        started = 0;
        budgetWarnings();
        List<DatasetFacts> facts = new ArrayList<>();
        List<BackboneResults> tables = new ArrayList<>();
        for (DatasetSpec ds : config.datasets()) {
            Dataset data;
            try {
                data = ds.source().load(ds.name());
            } catch (IOException | RuntimeException e) {
                fail("dataset " + ds.name(), e);
                planned += runsPerDataset();
                continue;
            }
            listener.datasetLoaded(ds.name(), ds.describe(), data.numUsers(), data.numItems(), data.train().size(),
                    data.valid().size(), data.test().size());
            facts.add(DatasetFacts.of(data, ds.describe(), config.groups()));
            Pipeline pipeline = Pipeline.create().withExecutor(executor).withEvaluation(evaluationOptions().withAveraging(ds.averaging()));
            tables.addAll(students(ds, data, pipeline, store));
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

    /**
     * A dataset's tables, one per student: first every student's teachers, one after another on all
     * threads, then all their rows' runs on the run workers, so that the runs of one student fill
     * a core the last runs of another leave idle.
     */
    private List<BackboneResults> students(DatasetSpec ds, Dataset data, Pipeline pipeline, RunStore store) {
        List<StudentTeachers> teachersOf = config.students().stream().map(student -> teachers(ds, data, student, pipeline)).toList();
        List<List<CompletableFuture<ArmResult>>> futures = new ArrayList<>();
        try (RunWorkers workers = RunWorkers.open(parallelRuns, executor, pipeline, trainers)) {
            for (StudentTeachers t : teachersOf) {
                List<CompletableFuture<ArmResult>> arms = new ArrayList<>();
                for (MethodSpec method : config.methods()) {
                    if (!method.runsFor(t.student())) {
                        continue;
                    }
                    String teacherName = method.teacherFor(t.student());
                    for (MethodSpec.Arm arm : method.arms()) {
                        arms.add(arm(ds, data, t.student(), config.teacher(teacherName), arm, workers, store, t.failed().get(teacherName)));
                    }
                }
                futures.add(arms);
            }
            allOf(futures.stream().flatMap(List::stream).toList()).join();
        } catch (CompletionException e) {
            // a bug or an Error in a run: thrown as itself, as a sequential experiment would
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        flushPending();
        List<BackboneResults> tables = new ArrayList<>();
        for (int i = 0; i < teachersOf.size(); i++) {
            StudentTeachers t = teachersOf.get(i);
            Map<TeacherSpec, List<TeacherResult>> others = new LinkedHashMap<>();
            t.needed().stream().skip(1).forEach(n -> others.put(config.teacher(n), List.copyOf(t.bySeed().get(n).values())));
            tables.add(new BackboneResults(ds, t.student(), config.teacher(t.student().teacher()),
                    List.copyOf(t.bySeed().get(t.student().teacher()).values()), others, futures.get(i).stream().map(CompletableFuture::join).toList()));
        }
        return tables;
    }

    /** A student's teachers by name and seed: the student's own first, then those its methods name instead; and those that failed. */
    private record StudentTeachers(StudentSpec student, List<String> needed, Map<String, Map<Long, TeacherResult>> bySeed,
            Map<String, Map<Long, String>> failed) {
    }

    private StudentTeachers teachers(DatasetSpec ds, Dataset data, StudentSpec student, Pipeline pipeline) {
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
        return new StudentTeachers(student, needed, teacherBySeed, teacherFailure);
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

    /**
     * A row's grid on the search seeds, the pick, then the picked setting on the other seeds, as
     * runs on {@code workers}; run numbers follow the sequential order (search points in the
     * config's order, each over the search seeds, then the other seeds).
     */
    private CompletableFuture<ArmResult> arm(DatasetSpec ds, Dataset data, StudentSpec student, TeacherSpec teacherSpec, MethodSpec.Arm arm,
            RunWorkers workers, RunStore store, Map<Long, String> teacherFailure) {
        List<Map<String, Object>> points = arm.points();
        List<Long> searchSeeds = config.searchSeeds();
        int base = planned;
        planned += runsOf(config, arm);
        RunLauncher launch = (point, seed, number) -> workers.submit(
                trainer -> run(ds, data, student, teacherSpec, arm, point, seed, number, trainer, store, teacherFailure));
        if (points.size() == 1) {
            Map<String, Object> only = points.get(0);
            List<CompletableFuture<Optional<RunResult>>> runs = new ArrayList<>();
            for (int s = 0; s < config.seeds().size(); s++) {
                runs.add(launch.run(only, config.seeds().get(s), base + s + 1));
            }
            return allOf(runs).thenApply(v -> {
                List<RunResult> finals = present(runs);
                List<GridPoint> grid = List.of(new GridPoint(only, finals.stream().filter(r -> searchSeeds.contains(r.seed())).toList(), 0));
                return new ArmResult(ds.name(), student.name(), arm, grid, Optional.of(only), finals);
            });
        }
        List<List<CompletableFuture<Optional<RunResult>>>> search = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            List<CompletableFuture<Optional<RunResult>>> runs = new ArrayList<>();
            for (int s = 0; s < searchSeeds.size(); s++) {
                runs.add(launch.run(points.get(p), searchSeeds.get(s), base + p * searchSeeds.size() + s + 1));
            }
            search.add(runs);
        }
        int searched = base + points.size() * searchSeeds.size();
        return allOf(search.stream().flatMap(List::stream).toList()).thenCompose(v -> {
            List<GridPoint> grid = new ArrayList<>();
            double best = Double.NEGATIVE_INFINITY;
            int choice = -1;
            for (int p = 0; p < points.size(); p++) {
                List<RunResult> runs = present(search.get(p));
                GridPoint gp = new GridPoint(points.get(p), runs, searchSeeds.size() - runs.size());
                grid.add(gp);
                // ties keep the earlier point: the config's order is the tie-break
                if (!Double.isNaN(gp.meanValid()) && gp.meanValid() > best) {
                    best = gp.meanValid();
                    choice = p;
                }
            }
            if (choice < 0) {
                warn(searched, "no setting of " + arm.label() + " on " + ds.name() + " / " + student.name() + " finished; the row is empty");
                return CompletableFuture.completedFuture(new ArmResult(ds.name(), student.name(), arm, grid, Optional.empty(), List.of()));
            }
            Map<String, Object> picked = points.get(choice);
            listener.picked(ds.name(), student.name(), arm.label(), ParamValues.describe(picked), best, points.size());
            List<CompletableFuture<Optional<RunResult>>> finals = new ArrayList<>();
            int other = 0;
            for (long seed : config.seeds()) {
                int s = searchSeeds.indexOf(seed);
                Optional<RunResult> prior = s < 0 ? Optional.empty() : search.get(choice).get(s).join();
                // a search run that failed is tried again under its own number
                finals.add(prior.isPresent() ? CompletableFuture.completedFuture(prior)
                        : launch.run(picked, seed, s < 0 ? searched + ++other : base + choice * searchSeeds.size() + s + 1));
            }
            return allOf(finals).thenApply(w -> new ArmResult(ds.name(), student.name(), arm, grid, Optional.of(picked), present(finals)));
        });
    }

    /** Starts run number {@code number} of a row: {@code point} on {@code seed}. */
    private interface RunLauncher {
        CompletableFuture<Optional<RunResult>> run(Map<String, Object> point, long seed, int number);
    }

    private static CompletableFuture<Void> allOf(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    /** The finished runs, in the list's order (the futures are complete). */
    private static List<RunResult> present(List<CompletableFuture<Optional<RunResult>>> runs) {
        return runs.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
    }

    /** One run: the stored result when there is one (and not forced), else trained and stored; empty when it failed. */
    private Optional<RunResult> run(DatasetSpec ds, Dataset data, StudentSpec student, TeacherSpec teacherSpec, MethodSpec.Arm arm,
            Map<String, Object> point, long seed, int index, RunTrainer trainer, RunStore store, Map<Long, String> teacherFailure) {
        double eta;
        synchronized (lock) {
            started++;
            // the runs left, this one included, at the mean time per trained run, parallelRuns at once
            eta = trainedCount == 0 ? Double.NaN : trainedSeconds / trainedCount * (total - started + 1) / parallelRuns;
        }
        long teacherSeed = teacherSpec.seedFor(seed);
        MethodSetting setting = MethodSettings.resolve(arm.spec().method(), student.training(), point);
        RunSpec spec = new RunSpec(ds.name(), data.fingerprint(), student, teacherSpec, TeacherCache.key(data.fingerprint(), teacherSpec,
                teacherSeed, ds.averaging()), arm.label(), arm.spec().method(), setting, seed, config.ks(), config.groups(), ds.averaging());
        if (!force) {
            Optional<RunResult> stored = store.read(spec.key(), problem -> {
                boolean first;
                synchronized (lock) {
                    first = warnedRuns.add(spec.key());
                }
                if (first) {
                    warn(index, "stored run " + spec.describe() + " is unreadable or incomplete, redoing it: " + problem);
                }
            });
            if (stored.isPresent()) {
                synchronized (lock) {
                    runsReused++;
                }
                RunResult r = stored.get().withLabel(arm.label());
                listener.runFinished(index, total, r, true);
                return Optional.of(r);
            }
        }
        if (spec.method() != DistillationMethods.NONE && teacherFailure.containsKey(teacherSeed)) {
            RunFailure f = new RunFailure(spec.describe(), "teacher failed: " + teacherFailure.get(teacherSeed));
            record(index, f);
            listener.runFailed(index, total, spec, new IllegalStateException(f.message()));
            return Optional.empty();
        }
        try {
            RunResult r = trainer.train(spec, data, () -> teachers.teacher(data, spec.teacherKey()),
                    listener.runStarting(index, total, spec, eta));
            store.write(r);
            synchronized (lock) {
                runsTrained++;
                trainedCount++;
                trainedSeconds += r.seconds();
            }
            listener.runFinished(index, total, r, false);
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            record(index, new RunFailure(spec.describe(), message(e)));
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

    /** A warning of run {@code index}: told at once, reported in the run order when the backbone is done. */
    private void warn(int index, String message) {
        record(index, message);
        listener.warning(message);
    }

    private void record(int index, Object failureOrWarning) {
        synchronized (lock) {
            pending.add(new Ordered<>(index, failureOrWarning));
        }
    }

    /** Moves the runs' failures and warnings into the lists in run order (a stable sort: one run's in the order they came). */
    private void flushPending() {
        synchronized (lock) {
            pending.sort(java.util.Comparator.comparingInt(Ordered::index));
            for (Ordered<Object> o : pending) {
                if (o.value() instanceof RunFailure f) {
                    failures.add(f);
                } else {
                    warnings.add((String) o.value());
                }
            }
            pending.clear();
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
