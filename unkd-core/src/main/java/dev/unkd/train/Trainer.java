package dev.unkd.train;

import dev.unkd.data.Interactions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.Embeddings;
import dev.unkd.model.TrainableModel;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.SeedStream;
import dev.unkd.parallel.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The one training loop of unkd (METHOD.md section 3): every epoch visits each training pair
 * once in a random order with one uniform negative (not a training positive of the user); each
 * batch sums the objectives (BPR, distillation terms) plus the L2 term on the layer-0 rows of the
 * batch, and takes one Adam step on both tables. Validation every {@code evalEvery} epochs keeps
 * the best model; training stops after {@code patience} validations without improvement. A
 * plateau {@link LearningRateSchedule} lowers the rate after its own patience instead, and the
 * stopping count restarts at each reduction.
 *
 * <p>Divergence: the epoch loss is checked every epoch (one compare) and the parameter tables at
 * every validation and at the end (one pass over the floats, under 1% of an epoch); a NaN or
 * infinite value stops training with a {@link TrainingDivergedException}.
 *
 * <p>Deterministic: shuffling and negatives come from a per-epoch stream, each chunk of a batch
 * has its own stream, and gradients are reduced in chunk order. The next batch is drawn as one
 * more chunk of the current batch's first parallel region ({@link BatchSampler}), so the draw,
 * serial by nature, overlaps the gradient work without changing a batch.
 */
public final class Trainer {
    /** Samples per chunk; fixed so that results do not depend on the thread count. */
    static final int CHUNK = 128;

    private final TrainingConfig config;
    private final ChunkedExecutor executor;
    private final TrainingListener listener;
    private final L2Regularizer l2;

    public Trainer(TrainingConfig config, ChunkedExecutor executor, TrainingListener listener) {
        this.config = config;
        this.executor = executor;
        this.listener = listener;
        this.l2 = new L2Regularizer(config.decay());
    }

    /**
     * Trains {@code model} on {@code train} with the given objectives; validates on {@code valid}
     * (may be empty) with {@code evaluator}. On return the model holds the best parameters.
     */
    public TrainingResult train(TrainableModel model, Interactions train, Interactions valid, Evaluator evaluator,
            List<BatchObjective> objectives) {
        long start = System.nanoTime();
        int dim = model.dim();
        Optimizer userOpt = optimizer(model.userTable());
        Optimizer itemOpt = optimizer(model.itemTable());
        EmbeddingGradients finalGrads = new EmbeddingGradients(train.numUsers(), train.numItems(), dim);
        int maxChunks = ChunkedExecutor.chunks(config.batchSize(), CHUNK);
        GradientLog[] logs = new GradientLog[maxChunks];
        for (int c = 0; c < maxChunks; c++) {
            logs[c] = new GradientLog(dim, executor.threads());
        }
        double[] chunkLoss = new double[maxChunks];
        BatchSampler sampler = new BatchSampler(train, config.batchSize(), config.sampling(), config.negatives());
        boolean validate = valid.size() > 0 && evaluator != null;
        EmbeddingTable bestUsers = model.userTable().copy();
        EmbeddingTable bestItems = model.itemTable().copy();
        List<TrainingResult.ValidationPoint> curve = new ArrayList<>();
        Optional<EvaluationReport> bestReport = Optional.empty();
        double bestValue = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0; // validations since the last improvement or learning-rate reduction
        double lr = config.lr();
        int epoch = 0;
        listener.started(config.epochs());
        while (epoch < config.epochs()) {
            epoch++;
            long epochStart = System.nanoTime();
            EpochContext context = new EpochContext(epoch, model, SeedStream.EPOCH.seed(config.seed(), epoch), executor);
            for (BatchObjective o : objectives) {
                o.startEpoch(context);
            }
            sampler.startEpoch(new SplittableRandom(SeedStream.SHUFFLE.seed(config.seed(), epoch)));
            double epochLoss = 0;
            int batches = sampler.batches();
            sampler.draw(0);
            for (int b = 0; b < batches; b++) {
                int next = b + 1;
                Runnable drawNext = next < batches ? () -> sampler.draw(next) : null;
                epochLoss += step(model, sampler.batch(epoch, b), objectives, finalGrads, logs, chunkLoss, userOpt, itemOpt, drawNext);
            }
            userOpt.flush();
            itemOpt.flush();
            if (!Double.isFinite(epochLoss)) {
                throw new TrainingDivergedException(epoch, "the loss became " + epochLoss);
            }
            listener.epochFinished(epoch, epochLoss / batches, (System.nanoTime() - epochStart) / 1e9);
            if (validate && (epoch % config.evalEvery() == 0 || epoch == config.epochs())) {
                checkFinite(model, epoch);
                EvaluationReport report = evaluator.evaluate(model.scorer(), valid);
                double value = report.get(config.selectMetric());
                boolean improved = value > bestValue;
                curve.add(new TrainingResult.ValidationPoint(epoch, value, epochLoss / batches, lr));
                listener.validated(epoch, report, improved);
                for (BatchObjective o : objectives) {
                    o.validated(epoch, value, improved);
                }
                if (improved) {
                    bestValue = value;
                    bestEpoch = epoch;
                    bestReport = Optional.of(report);
                    bestUsers.copyFrom(model.userTable());
                    bestItems.copyFrom(model.itemTable());
                    sinceBest = 0;
                } else if (++sinceBest >= config.schedule().patience() && config.schedule().reduced(lr) < lr) {
                    lr = config.schedule().reduced(lr);
                    userOpt.setLearningRate(lr);
                    itemOpt.setLearningRate(lr);
                    sinceBest = 0; // the new rate gets the full stopping patience
                    listener.learningRateChanged(epoch, lr);
                } else if (sinceBest >= config.patience()) {
                    break;
                }
            }
        }
        if (validate && bestEpoch > 0) {
            model.userTable().copyFrom(bestUsers);
            model.itemTable().copyFrom(bestItems);
        } else {
            bestEpoch = epoch;
            checkFinite(model, epoch); // kept tables restored above were checked at their validation
        }
        TrainingResult result = new TrainingResult(bestEpoch, epoch, (System.nanoTime() - start) / 1e9, curve, bestReport);
        listener.finished(result);
        return result;
    }

    private double step(TrainableModel model, Batch batch, List<BatchObjective> objectives, EmbeddingGradients finalGrads,
            GradientLog[] logs, double[] chunkLoss, Optimizer userOpt, Optimizer itemOpt, Runnable drawNext) {
        Embeddings emb = model.forward();
        finalGrads.clear();
        int chunks = ChunkedExecutor.chunks(batch.size(), CHUNK);
        double loss = 0;
        for (int o = 0; o < objectives.size(); o++) {
            BatchObjective objective = objectives.get(o);
            long seed = SeedStream.BATCH.seed(config.seed(), batch.epoch(), batch.index(), o);
            objective.beforeBatch(batch, emb);
            IntConsumer chunk = c -> {
                GradientLog log = logs[c];
                log.clear();
                int from = c * CHUNK;
                int to = Math.min(batch.size(), from + CHUNK);
                chunkLoss[c] = objective.accumulate(batch, from, to, emb, log, new SplittableRandom(Seeds.derive(seed, c)));
            };
            if (o == 0 && drawNext != null) { // the next batch's draw as one more chunk of the first region
                executor.run(chunks + 1, c -> {
                    if (c == 0) {
                        drawNext.run();
                    } else {
                        chunk.accept(c - 1);
                    }
                });
            } else {
                executor.run(chunks, chunk);
            }
            replay(logs, chunks, finalGrads);
            for (int c = 0; c < chunks; c++) {
                loss += chunkLoss[c];
            }
            objective.afterBatch(batch);
        }
        if (objectives.isEmpty() && drawNext != null) {
            drawNext.run();
        }
        EmbeddingGradients paramGrads = model.backward(finalGrads);
        loss += l2.apply(model, batch, paramGrads, executor);
        userOpt.step(paramGrads.user(), paramGrads.touchedUsers());
        itemOpt.step(paramGrads.item(), paramGrads.touchedItems());
        return loss;
    }

    /**
     * Adds the chunks' logs to the gradients, every row in chunk order: in parallel over row stripes
     * (each stripe scans all logs and adds its own rows), then the touched rows are marked in log
     * order, so the result and the touched-row order do not depend on the thread count.
     */
    private void replay(GradientLog[] logs, int chunks, EmbeddingGradients grads) {
        int stripes = executor.threads();
        if (stripes == 1) {
            for (int c = 0; c < chunks; c++) {
                logs[c].replayInto(grads);
            }
            return;
        }
        executor.run(stripes, s -> {
            for (int c = 0; c < chunks; c++) {
                logs[c].replayStripe(grads, s, stripes);
            }
        });
        for (int c = 0; c < chunks; c++) {
            logs[c].markTouched(grads);
        }
    }

    /** Fails when a parameter table holds NaN or an infinity: a pass over the floats, done at validations and at the end only. */
    private static void checkFinite(TrainableModel model, int epoch) {
        java.util.Optional<String> users = model.userTable().describeNonFinite();
        if (users.isPresent()) {
            throw new TrainingDivergedException(epoch, "the parameters became non-finite (user table: " + users.get() + ")");
        }
        java.util.Optional<String> items = model.itemTable().describeNonFinite();
        if (items.isPresent()) {
            throw new TrainingDivergedException(epoch, "the parameters became non-finite (item table: " + items.get() + ")");
        }
    }

    private Optimizer optimizer(EmbeddingTable table) {
        AdamConfig adam = AdamConfig.of(config.lr());
        return config.lazyAdam() ? new LazyAdam(table, adam, executor) : new DenseAdam(table, adam, executor);
    }
}
