package dev.unkd.pipeline;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.distill.DistillerSettings;
import dev.unkd.distill.PairShards;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.ModelSpec;
import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import dev.unkd.train.PdBprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The library's entry point: train a teacher or student, distill a student from a teacher,
 * evaluate. Every call initialises the model from the training config's seed (the same streams
 * as {@code unkd train --seed}), runs the one training loop with early stopping on validation,
 * keeps the best epoch and records the provenance of the result; callers never assemble it.
 * <pre>{@code
 * Pipeline pipeline = Pipeline.create();
 * TrainedModel teacher = pipeline.train(data, ModelSpec.mf(100), TrainingConfig.defaults());
 * TrainedModel student = pipeline.distill(data, teacher, ModelSpec.mf(10), UnkdConfig.defaults(), TrainingConfig.defaults());
 * EvaluationReport test = pipeline.evaluate(student, data.test());
 * }</pre>
 * Immutable; results depend on the seed and data only, never on the thread count.
 */
public final class Pipeline {
    private final ChunkedExecutor executor;
    private final TrainingListener listener;
    private final EvaluationOptions evaluation;
    private final Optional<CheckpointPlan> checkpoints;

    private Pipeline(ChunkedExecutor executor, TrainingListener listener, EvaluationOptions evaluation, Optional<CheckpointPlan> checkpoints) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /** All processors, no progress reports, the default metrics (K = 10, 20; 4 report groups), no checkpoints. */
    public static Pipeline create() {
        return new Pipeline(ChunkedExecutor.common(), TrainingListener.NONE, EvaluationOptions.defaults(), Optional.empty());
    }

    public Pipeline withExecutor(ChunkedExecutor e) {
        return new Pipeline(e, listener, evaluation, checkpoints);
    }

    /** Reports epochs and validations of every training this pipeline runs. */
    public Pipeline withListener(TrainingListener l) {
        return new Pipeline(executor, l, evaluation, checkpoints);
    }

    public Pipeline withEvaluation(EvaluationOptions o) {
        return new Pipeline(executor, listener, o, checkpoints);
    }

    /**
     * Saves the model after the plan's epochs of every training this pipeline runs (a teacher's
     * trajectory, which HetComp distils from: {@link dev.unkd.teacher.Teachers#trajectory}).
     */
    public Pipeline withCheckpoints(CheckpointPlan plan) {
        return new Pipeline(executor, listener, evaluation, Optional.of(plan));
    }

    public ChunkedExecutor executor() {
        return executor;
    }

    /** The metrics this pipeline's evaluations and validations compute. */
    public EvaluationOptions evaluation() {
        return evaluation;
    }

    /** A model trained with BPR (Rendle et al., UAI 2009): a teacher, or a student without distillation. */
    public TrainedModel train(Dataset data, ModelSpec spec, TrainingConfig config) {
        return fit(data, spec, config, List.of(new BprObjective(1.0)), provenance(data, spec, config));
    }

    /**
     * A popularity-deconfounded teacher (PD, Zhang et al., SIGIR 2021, as the UnKD code's PDA):
     * BPR on (ReLU(s) + 1) * w_i with w_i = ((pop_i + 1) / total)^gamma; its scores stay s.
     */
    public TrainedModel trainPd(Dataset data, ModelSpec spec, TrainingConfig config, double gamma) {
        return fit(data, spec, config, List.of(PdBprObjective.of(data.train(), gamma)), provenance(data, spec, config).put("pdGamma", gamma));
    }

    /** A student distilled from a model trained here with the given method's settings. */
    public TrainedModel distill(Dataset data, TrainedModel teacher, ModelSpec student, DistillerSettings settings, TrainingConfig config) {
        return distill(data, teacher.asTeacher(), student, settings, config);
    }

    /**
     * A student distilled from any teacher (trained here, or imported embeddings or scores) with
     * the given method's settings ({@link dev.unkd.distill.DistillationMethods} lists them).
     */
    public TrainedModel distill(Dataset data, Teacher teacher, ModelSpec student, DistillerSettings settings, TrainingConfig config) {
        List<BatchObjective> objectives = settings.objectives(teacher, data, executor);
        return fit(data, student, config, objectives, distilled(data, student, config, settings, teacher));
    }

    /** A UnKD student with given popularity groups (e.g. the authors' {@code item_groups.txt}) instead of computed ones. */
    public TrainedModel distill(Dataset data, Teacher teacher, ModelSpec student, UnkdConfig settings, PopularityGroups groups,
            TrainingConfig config) {
        List<BatchObjective> objectives = settings.objectives(teacher, data, groups, executor);
        return fit(data, student, config, objectives, distilled(data, student, config, settings, teacher).put("itemGroups", "given"));
    }

    /**
     * A UnKD student whose pairs are read from shards (e.g. drawn by {@code unkd spark
     * unkd-pairs}): no teacher in memory; with the shards' seed, the same student as in-process.
     */
    public TrainedModel distill(Dataset data, PairShards pairs, ModelSpec student, UnkdConfig settings, TrainingConfig config) {
        Provenance p = provenance(data, student, config).put("method", settings.method())
                .put("teacher", "pairs " + pairs.directory()).put("pairs", pairs.directory().toString());
        SortedMap<String, Object> params = new TreeMap<>(pairs.header().asMap());
        params.remove("format");
        params.put("kdWeight", settings.kdWeight());
        params.put("epsilon", settings.epsilon());
        return fit(data, student, config, settings.objectives(pairs), p.put("params", params));
    }

    /** Accuracy and popularity-bias metrics of a model on held-out interactions (its training items excluded). */
    public EvaluationReport evaluate(TrainedModel model, Interactions heldOut) {
        return evaluator(model.data()).evaluate(model.scorer(), heldOut);
    }

    /**
     * As {@link #evaluate}, also keeping every user's value of the per-user metrics
     * ({@link EvaluationReport#userMetrics()}) for paired tests; the reported numbers are the same.
     */
    public EvaluationReport evaluateByUser(TrainedModel model, Interactions heldOut) {
        return evaluator(model.data()).evaluateByUser(model.scorer(), heldOut, done -> {
        });
    }

    /** The evaluator this pipeline validates and tests with on the given data. */
    public Evaluator evaluator(Dataset data) {
        return new Evaluator(data.train(), evaluation, executor);
    }

    private TrainedModel fit(Dataset data, ModelSpec spec, TrainingConfig config, List<BatchObjective> objectives, Provenance provenance) {
        TrainableModel model = spec.create(data.train(), config.seed(), executor);
        TrainingListener l = checkpoints.<TrainingListener>map(plan -> new CheckpointWriter(listener, plan, model, data, provenance.asMap()))
                .orElse(listener);
        TrainingResult result = new Trainer(config, executor, l).train(model, data.train(), data.valid(), evaluator(data), objectives);
        provenance.put("bestEpoch", result.bestEpoch());
        return new TrainedModel(model, data, provenance.asMap(), Optional.of(result));
    }

    private static Provenance provenance(Dataset data, ModelSpec spec, TrainingConfig config) {
        return new Provenance(data.name(), spec, config);
    }

    private static Provenance distilled(Dataset data, ModelSpec spec, TrainingConfig config, DistillerSettings settings, Teacher teacher) {
        return provenance(data, spec, config).put("method", settings.method()).put("teacher", teacher.source())
                .put("params", settings.params());
    }
}
