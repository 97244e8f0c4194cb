package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void timesTheRankingsOfALoadedModelPrunedAndNot() throws IOException {
        Path split = TinySplit.create(dir);
        Path teacher = TinySplit.teacher(dir, split);
        CliRunner.Result r = CliRunner.run("bench", "--data", split.toString(), "--dim", "12", "--warmup", "0", "--repeat", "1",
                "--threads", "1", "--load", teacher.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("rankings of " + teacher, "epoch:", "full test ranking:", "top-20 lists, pruned:",
                "top-20 lists, all items:");
    }

    @Test
    void aModelOfAnotherSplitIsRefusedWithItsFileName() throws IOException {
        Path split = TinySplit.create(dir);
        Path teacher = TinySplit.teacher(dir, split);
        CliRunner.Result r = CliRunner.run("bench", "--warmup", "0", "--repeat", "1", "--load", teacher.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(teacher.toString());
    }
}
