package dev.unkd.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Dataset;
import dev.unkd.data.SyntheticData;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.MetricName;
import dev.unkd.model.ModelSpec;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import dev.unkd.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    private static final TrainingConfig SHORT = TrainingConfig.defaults().withEpochs(10).withEvalEvery(5, 20).withSeed(7);

    /**
     * Golden values of a short seeded run on the built-in synthetic data, recorded with
     * {@code unkd train --data synthetic --dim 32 --epochs 10 --eval-every 5 --seed 7} and
     * {@code unkd distill --teacher T --method unkd --dim 8} (same options) before the library API
     * existed (re-recorded on 2026-12-01 after the LazyAdam fix, which moved the teacher's numbers by
     * up to 3e-4 and the 10-epoch dim-8 student's more): a change that moves a number fails here,
     * and the library call with seed S is the command with --seed S.
     */
    @Test
    void goldenMetricsOfTeacherAndUnkdStudent() {
        Dataset data = SyntheticData.defaultDataset();
        Pipeline pipeline = Pipeline.create();
        TrainedModel teacher = pipeline.train(data, ModelSpec.mf(32), SHORT);
        EvaluationReport t = pipeline.evaluate(teacher, data.test());
        assertThat(t.get(MetricName.RECALL.at(20))).isCloseTo(0.1585471347323095, within(1e-6));
        assertThat(t.get(MetricName.NDCG.at(20))).isCloseTo(0.12605366136566679, within(1e-6));
        assertThat(t.get(MetricName.UNPOPULAR_RECALL.at(20))).isCloseTo(0.01716423600980959, within(1e-6));
        assertThat(t.get(MetricName.GINI.at(20))).isCloseTo(0.9012276928800367, within(1e-6));
        assertThat(t.perGroup(MetricName.GROUP_SHARE.at(20))).containsExactly(new double[] {0.6079375, 0.2620208333333333, 0.10725,
            0.022791666666666665}, within(1e-6));
        assertThat(teacher.training().orElseThrow().bestEpoch()).isEqualTo(10);

        TrainedModel student = pipeline.distill(data, teacher, ModelSpec.mf(8), UnkdConfig.defaults(), SHORT);
        EvaluationReport s = pipeline.evaluate(student, data.test());
        assertThat(s.get(MetricName.RECALL.at(20))).isCloseTo(0.10210733599572762, within(1e-6));
        assertThat(s.get(MetricName.NDCG.at(20))).isCloseTo(0.07803921591194453, within(1e-6));
        assertThat(s.get(MetricName.UNPOPULAR_RECALL.at(20))).isCloseTo(1.1143410852713177E-4, within(1e-6));
        assertThat(s.get(MetricName.GINI.at(20))).isCloseTo(0.9868560554029304, within(1e-6));
        assertThat(s.perGroup(MetricName.GROUP_SHARE.at(20))).containsExactly(new double[] {0.9607291666666666, 0.034708333333333334, 0.0037083333333333334,
            8.541666666666667E-4}, within(1e-6));
    }

    @Test
    void sameSeedWritesTheSameBytesOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
        Dataset data = TestData.clustered(60, 40, 6, 3);
        List<Path> files = new ArrayList<>();
        for (int threads : new int[] {1, 2, 2}) {
            try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
                Pipeline pipeline = Pipeline.create().withExecutor(executor);
                TrainedModel teacher = pipeline.train(data, ModelSpec.mf(8), SHORT);
                TrainedModel student = pipeline.distill(data, teacher, ModelSpec.mf(4), UnkdConfig.defaults().withCandidates(10), SHORT);
                Path file = dir.resolve("student-" + files.size() + ".unkd");
                student.save(file);
                files.add(file);
            }
        }
        assertThat(Files.mismatch(files.get(0), files.get(1))).as("1 vs 2 threads").isEqualTo(-1);
        assertThat(Files.mismatch(files.get(1), files.get(2))).as("the same run twice").isEqualTo(-1);
    }

    @Test
    void provenanceIsSortedAndNamesEverySetting() {
        Dataset data = TestData.clustered(40, 30, 5, 1);
        Pipeline pipeline = Pipeline.create();
        TrainedModel teacher = pipeline.train(data, ModelSpec.lightGcn(8, 2), SHORT.withEpochs(2));
        TrainedModel student = pipeline.distill(data, teacher, ModelSpec.mf(4), UnkdConfig.defaults().withCandidates(10), SHORT.withEpochs(2));
        assertThat(teacher.provenance()).containsEntry("model", "lightgcn").containsEntry("layers", 2).containsEntry("keepProb", 1.0)
                .containsEntry("seed", 7L).containsEntry("lr", 0.01).containsEntry("selectMetric", "ndcg@20")
                .containsEntry("data", "clustered").containsKeys("unkdVersion", "bestEpoch", "batch", "decay", "patience", "adam");
        assertThat(student.provenance()).containsEntry("method", "unkd").containsEntry("teacher", "trained lightgcn-8")
                .doesNotContainKey("layers");
        List<String> keys = new ArrayList<>(student.provenance().keySet());
        assertThat(keys).isSorted();
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> params = (java.util.Map<String, Object>) student.provenance().get("params");
        assertThat(new ArrayList<>(params.keySet())).isSorted()
                .containsExactlyInAnyOrder("groups", "sampleBudget", "ratioExponent", "temperature", "candidates", "tieRedraw",
                        "zeroPopularity", "kdWeight", "epsilon");
        assertThat(params).containsEntry("candidates", 10).containsEntry("tieRedraw", "PAIR");
    }
}
