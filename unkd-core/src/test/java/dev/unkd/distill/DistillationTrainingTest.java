package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Students trained with each method through the factory and the real training loop. */
class DistillationTrainingTest {
    private static final int USERS = 150;
    private static final int ITEMS = 200;

    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 25, 13);
    private final Dataset data = new Dataset("synthetic", IdMap.range(USERS), IdMap.range(ITEMS), train,
            Interactions.empty(USERS, ITEMS), Interactions.empty(USERS, ITEMS));
    private final Teacher teacher = new Teacher("random", DistillFixtures.randomEmbeddings(USERS, ITEMS, 12, 1, 14).scorer(),
            Optional.empty());
    private final DistillationConfig config = DistillationConfig.defaults()
            .withUnkd(UnkdConfig.defaults().withCandidates(40))
            .withRd(RdConfig.defaults().withDynamicWeights(true, 1))
            .withCd(CdConfig.defaults().withRedrawEveryEpoch(true));

    private float[][] trainStudent(DistillationMethod method, int threads) {
        try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
            List<BatchObjective> objectives = DistillerFactory.objectives(method, config, teacher, data, executor);
            MatrixFactorization student = MatrixFactorization.initialise(USERS, ITEMS, 8, new SplittableRandom(2022));
            TrainingConfig tc = TrainingConfig.defaults().withEpochs(3);
            new Trainer(new TrainingConfig(tc.lr(), tc.decay(), 256, 3, 5, 20, 2022, true, "ndcg@20"), executor, TrainingListener.NONE)
                    .train(student, train, Interactions.empty(USERS, ITEMS), null, objectives);
            return new float[][] {student.userTable().data(), student.itemTable().data()};
        }
    }

    @Test
    void everyMethodTrainsIdenticallyWithOneOrTwoThreads() {
        for (DistillationMethod method : DistillationMethod.values()) {
            float[][] one = trainStudent(method, 1);
            float[][] two = trainStudent(method, 2);
            assertThat(two[0]).as("%s users", method).isEqualTo(one[0]);
            assertThat(two[1]).as("%s items", method).isEqualTo(one[1]);
        }
        assertThat(trainStudent(DistillationMethod.UNKD, 1)[0]).isNotEqualTo(trainStudent(DistillationMethod.NONE, 1)[0]);
    }

    @Test
    void factoryBuildsTheMethodsObjectives() {
        ChunkedExecutor one = new ChunkedExecutor(1);
        assertThat(DistillerFactory.objectives(DistillationMethod.NONE, config, teacher, data, one)).singleElement()
                .isInstanceOf(BprObjective.class);
        List<BatchObjective> unkd = DistillerFactory.objectives(DistillationMethod.UNKD, config, teacher, data, one);
        assertThat(unkd).hasSize(2);
        assertThat(DistillerFactory.distiller(unkd)).get().isInstanceOf(UnbiasedDistiller.class);
        assertThat(((UnbiasedDistiller) unkd.get(1)).pairsPerGroup()).containsExactly(8, 8, 8, 8);
        assertThat(DistillerFactory.distiller(DistillerFactory.objectives(DistillationMethod.RD, config, teacher, data, one)))
                .get().isInstanceOf(RankingDistillation.class);
        assertThat(DistillerFactory.distiller(DistillerFactory.objectives(DistillationMethod.CD, config, teacher, data, one)))
                .get().isInstanceOf(CollaborativeDistillation.class);
        Teacher wrong = new Teacher("small", DistillFixtures.tiedScorer(USERS, ITEMS - 1, 1), Optional.empty());
        assertThatThrownBy(() -> DistillerFactory.objectives(DistillationMethod.UNKD, config, wrong, data, one))
                .hasMessageContaining("199 items");
    }

    @Test
    void methodNamesParse() {
        assertThat(DistillationMethod.parse("UnKD")).isEqualTo(DistillationMethod.UNKD);
        assertThat(DistillationMethod.parse(" rd ")).isEqualTo(DistillationMethod.RD);
        assertThat(DistillationMethod.parse("none")).isEqualTo(DistillationMethod.NONE);
        assertThatThrownBy(() -> DistillationMethod.parse("kd")).hasMessageContaining("none, unkd, rd, cd");
    }

    @Test
    void configsRejectInvalidValues() {
        assertThatThrownBy(() -> UnkdConfig.defaults().withGroups(0)).hasMessageContaining("groups");
        assertThatThrownBy(() -> UnkdConfig.defaults().withCandidates(1)).hasMessageContaining("candidate");
        assertThatThrownBy(() -> UnkdConfig.defaults().withKdWeight(-1)).hasMessageContaining("KD weight");
        assertThatThrownBy(() -> UnkdConfig.defaults().withTemperature(Double.NaN)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> RdConfig.defaults().withKdWeight(1.5)).hasMessageContaining("RD weight");
        assertThatThrownBy(() -> CdConfig.defaults().withKdWeight(-0.1)).hasMessageContaining("CD weight");
    }

    @Test
    void cdSamplesAreDistinctTopItemsWithSoftLabels() {
        ChunkedExecutor one = new ChunkedExecutor(1);
        Scorer scorer = teacher.scorer();
        CdConfig cd = new CdConfig(60, 50, 1.0 / 20, 2, 0, 1, false, 1e-10);
        CollaborativeDistillation d = CollaborativeDistillation.prepare(cd, scorer, train, one);
        d.draw(5, one);
        TeacherRanking top = TeacherRanking.plain(scorer, train, 60, one);
        for (int u = 0; u < USERS; u++) {
            int[] samples = d.samples(u);
            float[] labels = d.labels(u);
            assertThat(samples).hasSize(Math.min(50, top.length(u, 0))).doesNotHaveDuplicates();
            List<Integer> list = java.util.Arrays.stream(top.list(u, 0)).boxed().toList();
            for (int k = 0; k < samples.length; k++) {
                assertThat(list).contains(samples[k]);
                assertThat(labels[k]).isCloseTo((float) (1 / (1 + Math.exp(-scorer.score(u, samples[k]) / 2))),
                        org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }
}
