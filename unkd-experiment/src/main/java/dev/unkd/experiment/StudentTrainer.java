package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.distill.DistillationMethods;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.pipeline.Pipeline;
import dev.unkd.pipeline.TrainedModel;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real {@link RunTrainer}: the library's {@link Pipeline} trains the run's student with its
 * method (so any method the library knows runs here unchanged), keeps the epoch with the best
 * validation NDCG@20, and the kept model is evaluated on the test users. With a runs folder, the
 * test users' values are written to {@link UserValues#file} for the paired tests.
 */
final class StudentTrainer implements RunTrainer {
    private final Pipeline pipeline;
    private final Optional<Path> runsDir;

    StudentTrainer(Pipeline pipeline) {
        this(pipeline, Optional.empty());
    }

    StudentTrainer(Pipeline pipeline, Optional<Path> runsDir) {
        this.pipeline = pipeline;
        this.runsDir = runsDir;
    }

    @Override
    public RunResult train(RunSpec spec, Dataset data, TeacherSupplier teacher, TrainingListener listener) throws IOException {
        long start = System.nanoTime();
        Pipeline run = pipeline.withListener(listener);
        TrainingConfig config = spec.setting().training().config(spec.seed());
        // the plain student is BPR alone: it loads no teacher
        TrainedModel model = spec.method() == DistillationMethods.NONE ? run.train(data, spec.student().model(), config)
                : run.distill(data, teacher.get(), spec.student().model(), spec.setting().distillation(), config);
        TrainingResult r = model.training().orElseThrow();
        EvaluationReport test = runsDir.isPresent() ? run.evaluateByUser(model, data.test()) : run.evaluate(model, data.test());
        if (runsDir.isPresent() && test.userMetrics().isPresent()) {
            UserValues.of(test.userMetrics().get()).write(UserValues.file(runsDir.get(), spec.key()));
        }
        return new RunResult(spec.key(), spec.dataset(), spec.student().name(), spec.student().model().label(), spec.teacher().name(),
                spec.teacher().model().label(), spec.method().name(), spec.label(), spec.setting().values(), spec.seed(),
                r.bestValidation().map(Metrics::of).orElse(Metrics.EMPTY), Metrics.of(test), r.bestEpoch(), r.epochsRun(),
                (System.nanoTime() - start) / 1e9, r.curve().stream().map(p -> new CurvePoint(p.epoch(), p.value())).toList());
    }
}
