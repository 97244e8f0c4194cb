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

/** Students trained with each method through its settings' objectives and the real training loop. */
class DistillationTrainingTest {
    private static final int USERS = 150;
    private static final int ITEMS = 200;

    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 25, 13);
    private final Dataset data = new Dataset("synthetic", IdMap.range(USERS), IdMap.range(ITEMS), train,
            Interactions.empty(USERS, ITEMS), Interactions.empty(USERS, ITEMS));
    private final dev.unkd.model.Embeddings teacherEmbeddings = DistillFixtures.randomEmbeddings(USERS, ITEMS, 12, 1, 14);
    /** With a two-stage trajectory (a random checkpoint, then the teacher itself) for hetcomp; the other methods ignore it. */
    private final Teacher teacher = new Teacher("random", teacherEmbeddings.scorer(), Optional.of(teacherEmbeddings),
            List.of(new dev.unkd.teacher.TeacherTrajectory("random", List.of(1, 2),
                    List.of(DistillFixtures.randomEmbeddings(USERS, ITEMS, 12, 1, 15).scorer(), teacherEmbeddings.scorer()))));
    private final List<DistillerSettings> settings = List.of(new NoDistillation(), UnkdConfig.defaults().withCandidates(40),
            RdConfig.defaults().withDynamicWeights(true, 1), CdConfig.defaults().withRedrawEveryEpoch(true), DeRrdConfig.defaults(),
            HtdConfig.defaults(), RrdConfig.defaults(), DeConfig.defaults(), FitNetConfig.defaults(),
            DcdConfig.defaults().withSampling(40, 10).withRefreshEvery(2), RceKdConfig.defaults().withSizes(20, 20, 60).withRefreshEvery(2),
            HetcompConfig.defaults().withLists(20, 5).withRestSamples(30).withSchedule(20, 1, 1.05),
            UnkdPlusConfig.defaults().withSizes(10, 10, 30).withKdWeight(20));

    /** This test's settings of a method. */
    private DistillerSettings config(MethodDescriptor<?> method) {
        return settings.stream().filter(method.type()::isInstance).findFirst().orElseThrow();
    }

    private float[][] trainStudent(MethodDescriptor<?> method, int threads) {
        return trainStudent(method, threads, new java.util.ArrayList<>());
    }

    /** Trains a small student; the objectives used are added to {@code used}. */
    private float[][] trainStudent(MethodDescriptor<?> method, int threads, List<BatchObjective> used) {
        try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
            List<BatchObjective> objectives = config(method).objectives(teacher, data, executor);
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
        for (MethodDescriptor<?> method : DistillationMethods.all()) {
            float[][] one = trainStudent(method, 1);
            float[][] two = trainStudent(method, 2);
            assertThat(two[0]).as("%s users", method).isEqualTo(one[0]);
            assertThat(two[1]).as("%s items", method).isEqualTo(one[1]);
        }
        float[] plain = trainStudent(DistillationMethods.NONE, 1)[0];
        for (MethodDescriptor<?> method : List.of(DistillationMethods.UNKD, DistillationMethods.DE_RRD, DistillationMethods.HTD,
                DistillationMethods.RRD, DistillationMethods.DE, DistillationMethods.FITNET, DistillationMethods.DCD,
                DistillationMethods.RCE_KD, DistillationMethods.HETCOMP)) {
            assertThat(trainStudent(method, 1)[0]).as("%s changes the student", method).isNotEqualTo(plain);
        }
    }

    @Test
    void deRrdAndHtdStepTheirOwnNetworksIdenticallyWithOneOrTwoThreads() {
        for (MethodDescriptor<?> method : List.of(DistillationMethods.DE_RRD, DistillationMethods.HTD, DistillationMethods.DE,
                DistillationMethods.FITNET)) {
            float[][] params = new float[2][];
            for (int threads = 1; threads <= 2; threads++) {
                List<BatchObjective> used = new java.util.ArrayList<>();
                trainStudent(method, threads, used);
                Distiller d = Distiller.find(used).orElseThrow();
                params[threads - 1] = ownParameters(d)
                        .orElseThrow().values().clone();
            }
            assertThat(params[1]).as("%s parameters", method).isEqualTo(params[0]);
            // stepped: a fresh distiller starts from the same init, so the trained values differ from it
            List<BatchObjective> fresh = config(method).objectives(teacher, data, new ChunkedExecutor(1));
            Distiller d = Distiller.find(fresh).orElseThrow();
            d.startEpoch(new dev.unkd.train.EpochContext(1, MatrixFactorization.initialise(USERS, ITEMS, 8, new SplittableRandom(2022)),
                    dev.unkd.parallel.Seeds.derive(2022, 1, 1), new ChunkedExecutor(1)));
            float[] initial = ownParameters(d)
                    .orElseThrow().values();
            assertThat(params[0]).as("%s parameters moved", method).isNotEqualTo(initial);
        }
    }

    private static Optional<dev.unkd.distill.nn.TrainableParameters> ownParameters(Distiller d) {
        if (d instanceof DeRrdDistillation de) {
            return de.parameters();
        }
        if (d instanceof DeDistillation de) {
            return de.parameters();
        }
        if (d instanceof FeatureDistillation fit) {
            return fit.parameters();
        }
        return ((HierarchicalTopologyDistillation) d).parameters();
    }

    @Test
    void embeddingMethodsRefuseAScoreOnlyTeacher() {
        Teacher scoresOnly = new Teacher("score file x.tsv", teacherEmbeddings.scorer(), Optional.empty());
        for (MethodDescriptor<?> method : List.of(DistillationMethods.DE_RRD, DistillationMethods.HTD, DistillationMethods.DE,
                DistillationMethods.FITNET)) {
            assertThatThrownBy(() -> config(method).objectives(scoresOnly, data, new ChunkedExecutor(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(method.name() + " needs the teacher's user and item embeddings")
                    .hasMessageContaining("(score file x.tsv) has scores only").hasMessageContaining("--teacher-embeddings");
        }
        // score-only teachers remain fine for the score-based methods
        assertThat(config(DistillationMethods.CD).objectives(scoresOnly, data, new ChunkedExecutor(1))).hasSize(2);
        assertThat(config(DistillationMethods.RRD).objectives(scoresOnly, data, new ChunkedExecutor(1))).hasSize(2);
        assertThat(config(DistillationMethods.DCD).objectives(scoresOnly, data, new ChunkedExecutor(1))).hasSize(2);
    }

    @Test
    void factoryBuildsTheMethodsObjectives() {
        ChunkedExecutor one = new ChunkedExecutor(1);
        assertThat(config(DistillationMethods.NONE).objectives(teacher, data, one)).singleElement()
                .isInstanceOf(BprObjective.class);
        List<BatchObjective> unkd = config(DistillationMethods.UNKD).objectives(teacher, data, one);
        assertThat(unkd).hasSize(2);
        assertThat(Distiller.find(unkd)).get().isInstanceOf(UnbiasedDistiller.class);
        assertThat(((UnbiasedDistiller) unkd.get(1)).pairsPerGroup()).containsExactly(8, 8, 8, 8);
        assertThat(Distiller.find(config(DistillationMethods.RD).objectives(teacher, data, one)))
                .get().isInstanceOf(RankingDistillation.class);
        assertThat(Distiller.find(config(DistillationMethods.CD).objectives(teacher, data, one)))
                .get().isInstanceOf(CollaborativeDistillation.class);
        Teacher wrong = new Teacher("small", DistillFixtures.tiedScorer(USERS, ITEMS - 1, 1), Optional.empty());
        assertThatThrownBy(() -> config(DistillationMethods.UNKD).objectives(wrong, data, one))
                .hasMessageContaining("199 items");
    }

    @Test
    void methodNamesParse() {
        assertThat(DistillationMethods.parse("UnKD")).isEqualTo(DistillationMethods.UNKD);
        assertThat(DistillationMethods.parse(" rd ")).isEqualTo(DistillationMethods.RD);
        assertThat(DistillationMethods.parse("none")).isEqualTo(DistillationMethods.NONE);
        assertThat(DistillationMethods.parse("DE-RRD")).isEqualTo(DistillationMethods.DE_RRD);
        assertThat(DistillationMethods.parse("htd")).isEqualTo(DistillationMethods.HTD);
        assertThatThrownBy(() -> DistillationMethods.parse("kd")).hasMessageContaining("none, unkd, rd, cd, de-rrd, htd");
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
