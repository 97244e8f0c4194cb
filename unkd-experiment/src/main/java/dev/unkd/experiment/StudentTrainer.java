package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.distill.DistillationMethods;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.util.List;

/**
 * The real {@link RunTrainer}: the student's objectives come from the run's settings (so any
 * registered method runs here unchanged), the training loop keeps
 * the epoch with the best validation NDCG@20, and the kept model is evaluated on the test users.
 */
final class StudentTrainer implements RunTrainer {
    private final ChunkedExecutor executor;
    private final Evaluator evaluator;

    StudentTrainer(ChunkedExecutor executor, Evaluator evaluator) {
        this.executor = executor;
        this.evaluator = evaluator;
    }

    @Override
    public RunResult train(RunSpec spec, Dataset data, TeacherSupplier teacher, TrainingListener listener) throws IOException {
        long start = System.nanoTime();
        // the plain student is BPR alone; asking the factory would load a teacher it does not use
        List<BatchObjective> objectives = spec.method() == DistillationMethods.NONE ? List.of(new BprObjective(1.0))
                : spec.setting().distillation().objectives(teacher.get(), data, executor);
        TrainableModel model = spec.student().model().create(data, spec.seed(), executor);
        TrainingResult r = new Trainer(spec.setting().training().config(spec.seed()), executor, listener)
                .train(model, data.train(), data.valid(), evaluator, objectives);
        EvaluationReport test = evaluator.evaluate(model.scorer(), data.test());
        return new RunResult(spec.key(), spec.dataset(), spec.student().name(), spec.student().model().label(), spec.teacher().name(),
                spec.teacher().model().label(), spec.method().name(), spec.label(), spec.setting().values(), spec.seed(),
                r.bestValidation().map(Metrics::of).orElse(Metrics.EMPTY), Metrics.of(test), r.bestEpoch(), r.epochsRun(),
                (System.nanoTime() - start) / 1e9, r.curve().stream().map(p -> new CurvePoint(p.epoch(), p.value())).toList());
    }
}
