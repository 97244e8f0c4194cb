package dev.unkd.pipeline;

import dev.unkd.data.Dataset;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.model.ModelCheckpoints;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.TrainableModel;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves the model being trained after the epochs of a {@link CheckpointPlan}, through the model
 * file writer (atomic, with the run's provenance plus {@code checkpointEpoch}), and passes every
 * callback on to the run's own listener. The trainer calls {@code epochFinished} after the
 * epoch's last optimiser step, so the file holds that epoch's parameters.
 */
final class CheckpointWriter implements TrainingListener {
    private final TrainingListener delegate;
    private final CheckpointPlan plan;
    private final TrainableModel model;
    private final Dataset data;
    private final Map<String, Object> provenance;

    CheckpointWriter(TrainingListener delegate, CheckpointPlan plan, TrainableModel model, Dataset data, Map<String, Object> provenance) {
        this.delegate = delegate;
        this.plan = plan;
        this.model = model;
        this.data = data;
        this.provenance = new TreeMap<>(provenance);
    }

    @Override
    public void started(int maxEpochs) {
        delegate.started(maxEpochs);
    }

    @Override
    public void epochFinished(int epoch, double loss, double seconds) {
        if (plan.isDue(epoch)) {
            Map<String, Object> p = new TreeMap<>(provenance);
            p.put("checkpointEpoch", epoch);
            try {
                Files.createDirectories(plan.directory());
                ModelFile.save(Models.toSaved(model, data, p), ModelCheckpoints.file(plan.directory(), epoch));
            } catch (IOException e) {
                // the cause carries the message, for callers that unwrap it
                throw new UncheckedIOException(new IOException("cannot write the checkpoint of epoch " + epoch + " to " + plan.directory()
                        + ": " + e, e));
            }
        }
        delegate.epochFinished(epoch, loss, seconds);
    }

    @Override
    public void validated(int epoch, EvaluationReport validation, boolean best) {
        delegate.validated(epoch, validation, best);
    }

    @Override
    public void finished(TrainingResult result) {
        delegate.finished(result);
    }
}
