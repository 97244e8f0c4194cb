package dev.unkd.pipeline;

import dev.unkd.data.Dataset;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.SavedModel;
import dev.unkd.model.SplitCheck;
import dev.unkd.model.Scorer;
import dev.unkd.model.TrainableModel;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A model trained (or loaded) for one dataset, with the provenance its file records: what
 * {@link Pipeline} returns, what a student is distilled from, what is evaluated and saved.
 */
public final class TrainedModel {
    private final TrainableModel model;
    private final Dataset data;
    private final SortedMap<String, Object> provenance;
    private final Optional<TrainingResult> training;

    TrainedModel(TrainableModel model, Dataset data, SortedMap<String, Object> provenance, Optional<TrainingResult> training) {
        this.model = Objects.requireNonNull(model, "model");
        this.data = Objects.requireNonNull(data, "data");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.training = Objects.requireNonNull(training, "training");
    }

    /**
     * Reads a model file for the given data (the id maps must match; LightGCN also needs the exact
     * training interactions it was propagated over; MF the same training split, by fingerprint).
     * Fails with a message naming the file.
     */
    public static TrainedModel load(Path file, Dataset data) throws IOException {
        return load(file, data, SplitCheck.SAME_SPLIT);
    }

    /** Reads a model file for the given data; {@code check} says whether another split of the same ids is accepted. */
    public static TrainedModel load(Path file, Dataset data, SplitCheck check) throws IOException {
        SavedModel saved = ModelFile.load(file);
        return new TrainedModel(Models.restore(saved, data, file, check), data, new java.util.TreeMap<>(saved.provenance()), Optional.empty());
    }

    /** The model itself (its tables are the kept, best-validation parameters). */
    public TrainableModel model() {
        return model;
    }

    /** The dataset it was trained or loaded for. */
    public Dataset data() {
        return data;
    }

    /** An inference scorer of the model. */
    public Scorer scorer() {
        return model.scorer();
    }

    /** Sorted provenance: version, data, model and training settings, method and its settings, seed, best epoch. */
    public SortedMap<String, Object> provenance() {
        return provenance;
    }

    /** The training run (best epoch, validation curve, timings); empty for a loaded model. */
    public Optional<TrainingResult> training() {
        return training;
    }

    /** This model as a teacher: its scores and final (for LightGCN, propagated) embeddings. */
    public Teacher asTeacher() {
        return new Teacher("trained " + model.type() + "-" + model.dim(), model.scorer(), Optional.of(model.forward()));
    }

    /** Writes the model file (atomically: a temp file renamed), provenance included. */
    public void save(Path file) throws IOException {
        ModelFile.save(Models.toSaved(model, data, provenance), file);
    }
}
