package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.eval.UserAveraging;
import dev.unkd.model.ModelSpec;
import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hetcomp as an experiment row: a teacher with checkpoints is cached with its trajectory, which the students distil from. */
class HetcompExperimentTest {
    @TempDir
    Path dir;

    @Test
    void aTeacherWithCheckpointsServesHetcompRows() throws IOException {
        String data = TinyExperiments.DATA.replace("    seed: 1\n", "    seed: 1\n    checkpoints: [2, 4]\n");
        assertThat(data).contains("checkpoints: [2, 4]");
        String text = "name: hetcomp\nseeds: [1]\n" + data + """
                methods:
                  - method: hetcomp
                    paper: HetComp
                    params: {topK: 10, observed: 3, period: 1, kdWeight: [0.005, 0.05]}
                """;
        ExperimentConfig config = ExperimentConfig.parse(text, true, Path.of("."));
        try (ChunkedExecutor executor = new ChunkedExecutor(2)) {
            ExperimentResults r = new ExperimentRunner(config, dir, false, executor, ExperimentListener.NONE).run();
            assertThat(r.failures()).isEmpty();
            assertThat(r.runsTrained()).isEqualTo(2);
        }
    }

    @Test
    void checkpointsChangeTheTeachersKeyOnlyWhenGiven() {
        TeacherSpec plain = new TeacherSpec("t", ModelSpec.mf(12), TrainingSettings.defaults(), OptionalLong.of(1), OptionalDouble.empty());
        TeacherSpec none = new TeacherSpec("t", ModelSpec.mf(12), TrainingSettings.defaults(), OptionalLong.of(1), OptionalDouble.empty(),
                List.of());
        TeacherSpec with = new TeacherSpec("t", ModelSpec.mf(12), TrainingSettings.defaults(), OptionalLong.of(1), OptionalDouble.empty(),
                List.of(2, 4));
        assertThat(TeacherCache.key(7, none, 1, UserAveraging.HELD_OUT_USERS)).isEqualTo(TeacherCache.key(7, plain, 1, UserAveraging.HELD_OUT_USERS));
        assertThat(TeacherCache.key(7, with, 1, UserAveraging.HELD_OUT_USERS)).isNotEqualTo(TeacherCache.key(7, plain, 1, UserAveraging.HELD_OUT_USERS));
        assertThat(with.describe()).endsWith(" checkpoints=2,4");
    }
}
