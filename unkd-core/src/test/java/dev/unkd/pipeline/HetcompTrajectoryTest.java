package dev.unkd.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.distill.HetcompConfig;
import dev.unkd.model.ModelCheckpoints;
import dev.unkd.model.ModelSpec;
import dev.unkd.model.SplitCheck;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.teacher.Teachers;
import dev.unkd.testing.TestData;
import dev.unkd.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written during training (the teacher's trajectory) and HetComp students distilled
 * from them: the files hold the model of their epoch, the trajectory loads in epoch order up to
 * the kept model, missing checkpoints fail naming the directory, and students are the same on one
 * and two threads.
 */
class HetcompTrajectoryTest {
    private static final TrainingConfig FOUR = TrainingConfig.defaults().withEpochs(4).withEvalEvery(2, 20).withSeed(7);
    private final Dataset data = TestData.clustered(60, 40, 6, 3);

    @Test
    void checkpointsHoldTheModelOfTheirEpoch(@TempDir Path dir) throws IOException {
        Path checkpoints = dir.resolve("t.checkpoints");
        TrainedModel teacher = Pipeline.create().withCheckpoints(CheckpointPlan.at(List.of(1, 3), checkpoints)).train(data, ModelSpec.mf(8),
                FOUR);
        assertThat(ModelCheckpoints.list(checkpoints)).extracting(ModelCheckpoints.Checkpoint::epoch).containsExactly(1, 3);
        // the same run stopped after 3 epochs (validated at its last epoch, so it keeps epoch 3)
        TrainedModel three = Pipeline.create().train(data, ModelSpec.mf(8), FOUR.withEpochs(3).withEvalEvery(3, 20));
        TrainedModel loaded = TrainedModel.load(ModelCheckpoints.file(checkpoints, 3), data);
        assertThat(loaded.model().userTable().data()).containsExactly(three.model().userTable().data());
        assertThat(loaded.model().itemTable().data()).containsExactly(three.model().itemTable().data());
        assertThat(loaded.provenance()).containsEntry("checkpointEpoch", 3).containsEntry("epochs", 4);
        assertThat(teacher.provenance()).doesNotContainKey("checkpointEpoch");
        assertThat(CheckpointPlan.every(2, checkpoints).isDue(4)).isTrue();
        assertThat(CheckpointPlan.every(2, checkpoints).isDue(3)).isFalse();
        // a directory that cannot be made stops the training, saying which checkpoint
        Path blocked = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> Pipeline.create().withCheckpoints(CheckpointPlan.at(List.of(1), blocked)).train(data, ModelSpec.mf(8), FOUR))
                .isInstanceOf(java.io.UncheckedIOException.class).cause().hasMessageContaining("cannot write the checkpoint of epoch 1 to "
                        + blocked);
        assertThatThrownBy(() -> CheckpointPlan.at(List.of(0), checkpoints)).hasMessageContaining("counted from 1");
    }

    @Test
    void trajectoryLoadsTheCheckpointsBeforeTheKeptEpochAndRefusesMissingOnes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.unkd");
        TrainedModel teacher = Pipeline.create().withCheckpoints(CheckpointPlan.every(1, ModelCheckpoints.directoryFor(file)))
                .train(data, ModelSpec.mf(8), FOUR);
        teacher.save(file);
        int kept = teacher.training().orElseThrow().bestEpoch();
        Teacher t = Teachers.trajectory(file, data, SplitCheck.SAME_SPLIT);
        List<Integer> expected = new ArrayList<>();
        for (int e = 1; e <= kept; e++) {
            expected.add(e);
        }
        assertThat(t.trajectories()).hasSize(1);
        assertThat(t.trajectories().get(0).epochs()).containsExactlyElementsOf(expected);
        assertThat(t.source()).contains("t.checkpoints");

        Path elsewhere = dir.resolve("nothing-here");
        assertThatThrownBy(() -> Teachers.trajectory(file, elsewhere, data, SplitCheck.SAME_SPLIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(elsewhere.toString()).hasMessageContaining("--checkpoints");
        Files.createDirectories(elsewhere);
        assertThatThrownBy(() -> Teachers.trajectory(file, elsewhere, data, SplitCheck.SAME_SPLIT))
                .hasMessageContaining("no checkpoint of teacher " + file).hasMessageContaining("found none");
        // a checkpoint of another run (other seed) is refused, naming it
        Path other = dir.resolve("other");
        Pipeline.create().withCheckpoints(CheckpointPlan.at(List.of(1), other)).train(data, ModelSpec.mf(8), FOUR.withSeed(8));
        assertThatThrownBy(() -> Teachers.trajectory(file, other, data, SplitCheck.SAME_SPLIT))
                .hasMessageContaining(ModelCheckpoints.file(other, 1).toString()).hasMessageContaining("seed");
    }

    @Test
    void hetcompStudentIsTheSameOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
        List<Teacher> teachers = new ArrayList<>();
        for (String model : new String[] {"mf", "lightgcn"}) {
            Path file = dir.resolve(model + ".unkd");
            ModelSpec spec = model.equals("mf") ? ModelSpec.mf(8) : new ModelSpec("lightgcn", 8, 2, 1.0);
            Pipeline.create().withCheckpoints(CheckpointPlan.at(List.of(1, 2), ModelCheckpoints.directoryFor(file)))
                    .train(data, spec, FOUR).save(file);
            teachers.add(Teachers.trajectory(file, data, SplitCheck.SAME_SPLIT));
        }
        Teacher ensemble = Teachers.ensemble(teachers);
        assertThat(ensemble.trajectories()).hasSize(2);
        TrainingConfig student = TrainingConfig.defaults().withEpochs(6).withEvalEvery(3, 20).withSeed(5);
        HetcompConfig config = HetcompConfig.defaults().withLists(10, 3).withRestSamples(20).withSchedule(10, 1, 1.05);
        List<byte[]> files = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
                TrainedModel s = Pipeline.create().withExecutor(executor).distill(data, ensemble, ModelSpec.mf(4), config, student);
                Path out = dir.resolve("student-" + threads + ".unkd");
                s.save(out);
                files.add(Files.readAllBytes(out));
                assertThat(s.provenance()).containsEntry("method", "hetcomp");
            }
        }
        assertThat(files.get(1)).isEqualTo(files.get(0));
    }
}
