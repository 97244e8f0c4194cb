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
    private final dev.unkd.model.Embeddings teacherEmbeddings = DistillFixtures.randomEmbeddings(USERS, ITEMS, 12, 1, 14);
    private final Teacher teacher = new Teacher("random", teacherEmbeddings.scorer(), Optional.of(teacherEmbeddings));
    private final DistillationConfig config = DistillationConfig.defaults()
            .withUnkd(UnkdConfig.defaults().withCandidates(40))
            .withRd(RdConfig.defaults().withDynamicWeights(true, 1))
            .withCd(CdConfig.defaults().withRedrawEveryEpoch(true));

    private float[][] trainStudent(DistillationMethod method, int threads) {
        return trainStudent(method, threads, new java.util.ArrayList<>());
    }

    /** Trains a small student; the objectives used are added to {@code used}. */
    private float[][] trainStudent(DistillationMethod method, int threads, List<BatchObjective> used) {
        try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
            List<BatchObjective> objectives = DistillerFactory.objectives(method, config, teacher, data, executor);
            used.addAll(objectives);
            MatrixFactorization student = MatrixFactorization.initialise(USERS, ITEMS, 8, new SplittableRandom(2022));
            TrainingConfig tc = TrainingConfig.defaults().withEpochs(3);
            new Trainer(new TrainingConfig(tc.lr(), tc.decay(), 256, 3, 5, 20, 2022, true, TrainingConfig.DEFAULT_SELECT_METRIC), executor, TrainingListener.NONE)
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
        float[] plain = trainStudent(DistillationMethod.NONE, 1)[0];
        for (DistillationMethod method : new DistillationMethod[] {DistillationMethod.UNKD, DistillationMethod.DE_RRD, DistillationMethod.HTD}) {
            assertThat(trainStudent(method, 1)[0]).as("%s changes the student", method).isNotEqualTo(plain);
        }
    }

    @Test
    void deRrdAndHtdStepTheirOwnNetworksIdenticallyWithOneOrTwoThreads() {
        for (DistillationMethod method : new DistillationMethod[] {DistillationMethod.DE_RRD, DistillationMethod.HTD}) {
            float[][] params = new float[2][];
            for (int threads = 1; threads <= 2; threads++) {
                List<BatchObjective> used = new java.util.ArrayList<>();
                trainStudent(method, threads, used);
                Distiller d = DistillerFactory.distiller(used).orElseThrow();
                params[threads - 1] = (d instanceof DeRrdDistillation de ? de.parameters() : ((HierarchicalTopologyDistillation) d).parameters())
                        .orElseThrow().values().clone();
            }
            assertThat(params[1]).as("%s parameters", method).isEqualTo(params[0]);
            // stepped: a fresh distiller starts from the same init, so the trained values differ from it
            List<BatchObjective> fresh = DistillerFactory.objectives(method, config, teacher, data, new ChunkedExecutor(1));
            Distiller d = DistillerFactory.distiller(fresh).orElseThrow();
            d.startEpoch(new dev.unkd.train.EpochContext(1, MatrixFactorization.initialise(USERS, ITEMS, 8, new SplittableRandom(2022)),
                    dev.unkd.parallel.Seeds.derive(2022, 1, 1), new ChunkedExecutor(1)));
            float[] initial = (d instanceof DeRrdDistillation de ? de.parameters() : ((HierarchicalTopologyDistillation) d).parameters())
                    .orElseThrow().values();
            assertThat(params[0]).as("%s parameters moved", method).isNotEqualTo(initial);
        }
    }

    @Test
    void embeddingMethodsRefuseAScoreOnlyTeacher() {
        Teacher scoresOnly = new Teacher("score file x.tsv", teacherEmbeddings.scorer(), Optional.empty());
        for (DistillationMethod method : new DistillationMethod[] {DistillationMethod.DE_RRD, DistillationMethod.HTD}) {
            assertThatThrownBy(() -> DistillerFactory.objectives(method, config, scoresOnly, data, new ChunkedExecutor(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(method.cliName() + " needs the teacher's user and item embeddings")
                    .hasMessageContaining("(score file x.tsv) has scores only").hasMessageContaining("--teacher-embeddings");
        }
        // score-only teachers remain fine for the score-based methods
        assertThat(DistillerFactory.objectives(DistillationMethod.CD, config, scoresOnly, data, new ChunkedExecutor(1))).hasSize(2);
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
        assertThat(DistillationMethod.parse("DE-RRD")).isEqualTo(DistillationMethod.DE_RRD);
        assertThat(DistillationMethod.parse("htd")).isEqualTo(DistillationMethod.HTD);
        assertThatThrownBy(() -> DistillationMethod.parse("kd")).hasMessageContaining("none, unkd, rd, cd, de-rrd, htd");
    }

    @Test
    void configsRejectInvalidValues() {
        assertThatThrownBy(() -> UnkdConfig.defaults().withGroups(0)).hasMessageContaining("groups");
        assertThatThrownBy(() -> UnkdConfig.defaults().withCandidates(1)).hasMessageContaining("candidate");
        assertThatThrownBy(() -> UnkdConfig.defaults().withKdWeight(-1)).hasMessageContaining("KD weight");
        assertThatThrownBy(() -> UnkdConfig.defaults().withTemperature(Double.NaN)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> RdConfig.defaults().withKdWeight(1.5)).hasMessageContaining("RD weight");
        assertThatThrownBy(() -> CdConfig.defaults().withKdWeight(-0.1)).hasMessageContaining("CD weight");
        assertThatThrownBy(() -> DeRrdConfig.defaults().withSampling(100, 101, 20)).hasMessageContaining("interesting-item count");
        assertThatThrownBy(() -> DeRrdConfig.defaults().withDeWeight(-1)).hasMessageContaining("DE weight");
        assertThatThrownBy(() -> DeRrdConfig.defaults().withExperts(0, 10, dev.unkd.distill.nn.ExpertActivation.HIDDEN))
                .hasMessageContaining("experts");
        assertThatThrownBy(() -> HtdConfig.defaults().withAlpha(1.5)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> HtdConfig.defaults().withGroups(0)).hasMessageContaining("groups");
        assertThatThrownBy(() -> HtdConfig.defaults().withGateTemperature(0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> HtdConfig.defaults().withExpertCutoff(1)).hasMessageContaining("cutoff");
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
