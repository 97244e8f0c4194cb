package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.ScoreFile;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RCE-KD: the subsets on hand-made rankings (closure weights, the collaborative draw, the second
 * subset, gamma, the teacher's targets), the loss and its finite-difference gradient, bit-identical
 * students with 1 and 2 threads, and what the settings and the teacher must satisfy.
 */
class RceKdTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);
    private static final int USERS = 12;
    private static final int ITEMS = 40;
    private static final int DIM = 4;

    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 6, 21);
    private final Embeddings teacher = DistillFixtures.randomEmbeddings(USERS, ITEMS, 6, 1.0, 22);
    private final Batch batch = DistillFixtures.batch(new int[] {0, 3, 3, 5, 7, 0, 11, 3}, ITEMS, 5);
    private final int[] userRows = IntStream.range(0, USERS).toArray();
    private final int[] itemRows = IntStream.range(0, ITEMS).toArray();

    /** Scores from a table: scores[u][i]. */
    private static Scorer table(float[][] scores) {
        return new Scorer() {
            @Override
            public int numUsers() {
                return scores.length;
            }

            @Override
            public int numItems() {
                return scores[0].length;
            }

            @Override
            public float score(int user, int item) {
                return scores[user][item];
            }
        };
    }

    /**
     * One user, 8 items. The student ranks 0, 1, ..., 7; the teacher's top 3 are 5, 1, 7 (its
     * scores 10, 9, 8; the others 0..4 by item).
     */
    private static final float[][] STUDENT = {{8, 7, 6, 5, 4, 3, 2, 1}};
    private static final float[][] TEACHER = {{0, 9, 1, 2, 3, 10, 4, 8}};

    private static ClosedSubsets subsets(RceKdConfig config, long seed) {
        Interactions none = Interactions.empty(1, 8);
        TeacherRanking t = TeacherRanking.plain(table(TEACHER), none, config.topK(), ONE);
        int[][] s = new dev.unkd.recommend.Recommender(table(STUDENT), none).recommend(new int[] {0}, config.studentDepth(), 32, ONE);
        assertThat(t.list(0, 0)).containsExactly(5, 1, 7);
        assertThat(s[0]).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        ClosedSubsets subsets = new ClosedSubsets(config, 1, 8);
        subsets.build(t, s, table(TEACHER), seed, ONE);
        return subsets;
    }

    /** K = 3, D = 8, the given L and sampling temperature; tau 2, beta 1.5. */
    private static RceKdConfig small(int samples, double sampleTemperature) {
        return new RceKdConfig(3, samples, 8, sampleTemperature, 50, 2, 1.5, 1, false, 1);
    }

    @Test
    void closureWeightsCountTheTeachersItemsAtOrBelowEachPosition() {
        boolean[] listed = {false, true, false, true, true, false};
        double[] w = new double[6];
        ClosedSubsets.closureWeights(listed, 6, 50, 10, w);
        int[] counts = {3, 3, 2, 2, 1, 0};
        for (int p = 0; p < 6; p++) {
            assertThat(w[p]).as("position %d", p).isCloseTo(Math.exp((counts[p] + 1) / 10.0), within(1e-12));
        }
        ClosedSubsets.closureWeights(listed, 6, 2, 10, w); // capped at 2
        assertThat(w[0]).isEqualTo(Math.exp(0.3));
        assertThat(w[2]).isEqualTo(Math.exp(0.3));
        assertThat(w[4]).isEqualTo(Math.exp(0.2));
        assertThat(w[5]).isEqualTo(Math.exp(0.1));
    }

    @Test
    void withEveryPositionDrawnTheSecondSubsetIsTheWholeStudentList() {
        ClosedSubsets s = subsets(small(8, 10), 1);
        assertThat(s.first(0)).containsExactly(0, 1, 2);
        assertThat(s.second(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(s.overlap(0)).isEqualTo(3);
        assertThat(s.gamma(0)).isCloseTo(Math.exp(-1.5), within(1e-15));
        assertThat(s.firstWeight(0)).isCloseTo(1 - Math.exp(-1.5), within(1e-15));
        assertThat(s.secondWeight(0)).isEqualTo(s.gamma(0));
        // the teacher's targets: its softmax of s / tau over each subset
        double z1 = Math.exp(0 / 2.0) + Math.exp(9 / 2.0) + Math.exp(1 / 2.0);
        assertThat(s.firstTargetArray()[1]).isCloseTo((float) (Math.exp(4.5) / z1), within(1e-6f));
        double z2 = 0;
        for (float t : TEACHER[0]) {
            z2 += Math.exp(t / 2.0);
        }
        for (int j = 0; j < 8; j++) {
            int item = s.itemArray()[j];
            assertThat(s.secondTargetArray()[j]).as("item %d", item).isCloseTo((float) (Math.exp(TEACHER[0][item] / 2.0) / z2), within(1e-6f));
        }
    }

    @Test
    void withoutSamplesTheSecondSubsetIsTheTeachersItemsTheStudentMisses() {
        ClosedSubsets s = subsets(small(0, 10), 1);
        assertThat(s.first(0)).containsExactly(0, 1, 2);
        assertThat(s.second(0)).containsExactly(5, 7); // 1 is in the student's top 3
        assertThat(s.overlap(0)).isZero();
        assertThat(s.gamma(0)).isEqualTo(1.0);
        assertThat(s.firstWeight(0)).isZero(); // 1 - gamma
        double z = Math.exp(5.0) + Math.exp(4.0);
        assertThat(s.secondTargetArray()[3]).isCloseTo((float) (Math.exp(5.0) / z), within(1e-6f));
        assertThat(s.secondTargetArray()[0]).isZero(); // J1 items outside J2 have no J2 target
    }

    @Test
    void theDrawFavoursThePositionsAboveTheTeachersItems() {
        // counts c = 3, 3, 2, 2, 2, 2, 1, 1; at T = 0.05 positions 0 and 1 outweigh the rest by e^20
        ClosedSubsets s = subsets(small(2, 0.05), 7);
        assertThat(s.second(0)).containsExactly(0, 1, 5, 7); // drawn 0 and 1 (both in J1), then the teacher's 5 and 7
        assertThat(s.overlap(0)).isEqualTo(1); // item 1
        assertThat(s.gamma(0)).isCloseTo(Math.exp(-1.5 / 3), within(1e-15));
        assertThat(s.size(0)).isEqualTo(5); // union 0, 1, 2 | 5, 7
        assertThat(s.drawn(0)).containsExactly(0, 1);
        // at T = 1000 every weight is about 1: L distinct draws, and J2 is the draws plus the teacher's items outside J1
        for (long seed = 0; seed < 50; seed++) {
            ClosedSubsets u = subsets(small(4, 1000), seed);
            int[] drawn = u.drawn(0);
            assertThat(drawn).hasSize(4).doesNotHaveDuplicates().isSorted();
            java.util.Set<Integer> expected = new java.util.TreeSet<>();
            IntStream.of(drawn).forEach(expected::add);
            IntStream.of(5, 7).forEach(expected::add); // 1 is in J1
            assertThat(u.second(0)).doesNotHaveDuplicates().containsExactlyInAnyOrder(expected.stream().mapToInt(Integer::intValue).toArray());
            assertThat(u.overlap(0)).isEqualTo((int) IntStream.of(drawn).filter(i -> i == 5 || i == 1 || i == 7).count());
        }
    }

    @Test
    void oneDrawFollowsTheClosureWeights() {
        RceKdConfig config = small(1, 2);
        int[] counts = {3, 3, 2, 2, 2, 2, 1, 1};
        double[] p = new double[8];
        double total = 0;
        for (int r = 0; r < 8; r++) {
            p[r] = Math.exp((counts[r] + 1) / 2.0);
            total += p[r];
        }
        for (int r = 0; r < 8; r++) {
            p[r] /= total;
        }
        long[] observed = new long[8];
        for (long seed = 0; seed < 4000; seed++) {
            ClosedSubsets s = subsets(config, seed);
            int drawn = s.drawn(0)[0];
            observed[drawn]++;
        }
        double[] chi = ChiSquare.statistic(observed, p);
        assertThat(chi[0]).isLessThan(ChiSquare.critical(Math.max(1, chi[1])));
    }

    private static EpochContext epoch(int e) {
        return new EpochContext(e, MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1)), 99, ONE);
    }

    private RejuvenatedCrossEntropyDistillation distiller(RceKdConfig config) {
        RejuvenatedCrossEntropyDistillation d = RejuvenatedCrossEntropyDistillation.prepare(config, teacher.scorer(), train, ONE);
        d.startEpoch(epoch(1));
        return d;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (boolean exclude : new boolean[] {false, true}) {
            for (double tau : new double[] {1, 0.5}) {
                RceKdConfig config = new RceKdConfig(5, 4, 12, 10, 50, tau, 3, 1, exclude, 0.8);
                RejuvenatedCrossEntropyDistillation d = distiller(config);
                Embeddings student = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31);
                assertThat(DistillFixtures.gradientError(d, batch, student, userRows, itemRows, 1e-3, 2e-3, 1e-6))
                        .as("exclude %s tau %s", exclude, tau).isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void lossIsTheMixOfBothCrossEntropiesPerBatchRow() {
        RceKdConfig config = new RceKdConfig(5, 4, 12, 10, 50, 0.5, 3, 1, false, 0.8);
        RejuvenatedCrossEntropyDistillation d = distiller(config);
        ClosedSubsets s = d.subsets().orElseThrow();
        Embeddings student = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31);
        double expected = 0;
        for (int b = 0; b < batch.size(); b++) {
            int u = batch.users()[b];
            double g = s.gamma(u);
            expected += (1 - g) * crossEntropy(u, s.first(u), student, 0.5) + g * crossEntropy(u, s.second(u), student, 0.5);
        }
        expected *= 0.8 / batch.size();
        assertThat(DistillFixtures.run(d, batch, student, 3, null)).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
        assertThat(DistillFixtures.run(d, batch, student, 8, null)).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    }

    @Test
    void aTinyTemperatureKeepsTheLossExactWhenTheSubsetsLieFarApart() {
        // tau = 0.001: logits in the thousands, so some user's J1 and J2 maxima differ by more than 600
        double tau = 0.001;
        RceKdConfig config = new RceKdConfig(5, 4, 12, 10, 50, tau, 3, 1, false, 0.8);
        RejuvenatedCrossEntropyDistillation d = distiller(config);
        ClosedSubsets s = d.subsets().orElseThrow();
        Embeddings student = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31);
        double expected = 0;
        double widest = 0;
        for (int b = 0; b < batch.size(); b++) {
            int u = batch.users()[b];
            double g = s.gamma(u);
            expected += (1 - g) * stableCrossEntropy(u, s.first(u), student, tau) + g * stableCrossEntropy(u, s.second(u), student, tau);
            widest = Math.max(widest, Math.abs(maxLogit(u, s.first(u), student, tau) - maxLogit(u, s.second(u), student, tau)));
        }
        assertThat(widest).as("the separate-shift path is exercised").isGreaterThan(600);
        expected *= 0.8 / batch.size();
        dev.unkd.model.EmbeddingGradients grads = new dev.unkd.model.EmbeddingGradients(USERS, ITEMS, DIM);
        assertThat(DistillFixtures.run(d, batch, student, 3, grads)).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
        for (float v : grads.user()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        for (float v : grads.item()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    private static double maxLogit(int u, int[] items, Embeddings e, double tau) {
        return IntStream.of(items).mapToDouble(i -> e.score(u, i) / tau).max().orElse(0);
    }

    /** As {@link #crossEntropy}, with both softmaxes shifted by their maxima. */
    private double stableCrossEntropy(int u, int[] items, Embeddings student, double tau) {
        if (items.length == 0) {
            return 0;
        }
        double mt = maxLogit(u, items, teacher, tau);
        double ms = maxLogit(u, items, student, tau);
        double zt = 0;
        double zs = 0;
        for (int i : items) {
            zt += Math.exp(teacher.score(u, i) / tau - mt);
            zs += Math.exp(student.score(u, i) / tau - ms);
        }
        double ce = 0;
        for (int i : items) {
            ce -= Math.exp(teacher.score(u, i) / tau - mt) / zt * (student.score(u, i) / tau - ms - Math.log(zs));
        }
        return ce;
    }

    /** -sum_i p_T(i) log q_S(i), both softmaxes of s / tau over the items. */
    private double crossEntropy(int u, int[] items, Embeddings student, double tau) {
        double zt = 0;
        double zs = 0;
        for (int i : items) {
            zt += Math.exp(teacher.score(u, i) / tau);
            zs += Math.exp(student.score(u, i) / tau);
        }
        double ce = 0;
        for (int i : items) {
            ce -= Math.exp(teacher.score(u, i) / tau) / zt * (student.score(u, i) / tau - Math.log(zs));
        }
        return ce;
    }

    @Test
    void firstSubsetIsTheStudentsTopKAndTheTeachersListSkipsTrainingItemsOnlyWhenAsked() {
        for (boolean exclude : new boolean[] {false, true}) {
            RceKdConfig config = new RceKdConfig(5, 4, 12, 10, 50, 1, 3, 1, exclude, 1);
            RejuvenatedCrossEntropyDistillation d = distiller(config);
            Embeddings s = epoch(1).model().forward();
            TeacherRanking top = d.teacherTop();
            boolean anyTrainInTeacherTop = false;
            for (int u = 0; u < USERS; u++) {
                int[] first = d.subsets().orElseThrow().first(u);
                assertThat(first).hasSize(5);
                // closed under the student's ranking: no other (admissible) item scores above its last member
                float lowest = s.score(u, first[first.length - 1]);
                for (int i = 0; i < ITEMS; i++) {
                    int item = i;
                    boolean admissible = !(exclude && train.contains(u, i));
                    if (admissible && IntStream.of(first).noneMatch(x -> x == item)) {
                        assertThat(s.score(u, i)).as("user %d item %d", u, i).isLessThanOrEqualTo(lowest);
                    }
                }
                for (int i : top.list(u, 0)) {
                    anyTrainInTeacherTop |= train.contains(u, i);
                    if (exclude) {
                        assertThat(train.contains(u, i)).isFalse();
                    }
                }
            }
            if (!exclude) {
                assertThat(anyTrainInTeacherTop).as("the authors' code ranks training items too").isTrue();
            }
        }
    }

    @Test
    void studentListsAreRefreshedEveryNEpochsAndSamplesRedrawnEveryEpoch() {
        RceKdConfig config = new RceKdConfig(5, 4, 12, 10, 50, 1, 3, 2, false, 1);
        RejuvenatedCrossEntropyDistillation d = distiller(config);
        int[][] first = d.studentTop().orElseThrow();
        int[] second = d.subsets().orElseThrow().second(0);
        d.startEpoch(epoch(2));
        assertThat(d.studentTop().orElseThrow()).isSameAs(first);
        boolean redrawn = false;
        for (int e = 2; e < 6 && !redrawn; e++) {
            d.startEpoch(new EpochContext(2, epoch(2).model(), 99 + e, ONE));
            redrawn = !java.util.Arrays.equals(d.subsets().orElseThrow().second(0), second);
        }
        assertThat(redrawn).isTrue();
        d.startEpoch(epoch(3));
        assertThat(d.studentTop().orElseThrow()).isNotSameAs(first);
    }

    private static float[][] trainStudent(RceKdConfig config, int threads) {
        return DistillFixtures.trainStudent(config, DistillFixtures.powerLaw(80, 60, 12, 13), threads);
    }

    @Test
    void studentsAreBitIdenticalWithOneOrTwoThreads() {
        for (RceKdConfig config : List.of(new RceKdConfig(10, 10, 30, 10, 50, 1, 3, 1, false, 5),
                new RceKdConfig(8, 12, 20, 10, 50, 2, 3, 2, true, 50))) {
            float[][] one = trainStudent(config, 1);
            float[][] two = trainStudent(config, 2);
            assertThat(two[0]).as("users %s", config).isEqualTo(one[0]);
            assertThat(two[1]).as("items %s", config).isEqualTo(one[1]);
            assertThat(trainStudent(config.withKdWeight(0), 1)[0]).as("the term moves the student").isNotEqualTo(one[0]);
        }
    }

    @Test
    void settingsAndDataThatCannotWorkAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RceKdConfig.defaults().withSizes(0, 5, 10)).hasMessage("Invalid topK: 0 (RCE-KD top items per user, must be >= 1)");
        assertThatThrownBy(() -> RceKdConfig.defaults().withSizes(50, 50, 40))
                .hasMessage("Invalid studentDepth: 40 (RCE-KD student list depth, must be >= 50 = topK: the first subset is the student's top K)");
        assertThatThrownBy(() -> RceKdConfig.defaults().withSizes(50, 201, 200))
                .hasMessage("Invalid samples: 201 (RCE-KD closure samples per user, must be in 0..200 = studentDepth)");
        assertThatThrownBy(() -> RceKdConfig.defaults().withTemperature(0)).hasMessageContaining("RCE-KD softmax temperature");
        assertThatThrownBy(() -> RceKdConfig.defaults().withBeta(-1)).hasMessageContaining("RCE-KD mixing exponent");
        assertThatThrownBy(() -> RceKdConfig.defaults().withRefreshEvery(0)).hasMessageContaining("refresh period");
        assertThatThrownBy(() -> RceKdConfig.defaults().withKdWeight(Double.POSITIVE_INFINITY)).hasMessageContaining("RCE-KD weight");
        assertThatThrownBy(() -> new RceKdConfig(5, 5, 10, Double.NaN, 50, 1, 3, 1, false, 1)).hasMessageContaining("sampleTemperature");
        assertThatThrownBy(() -> new RceKdConfig(5, 5, 10, 10, 0, 1, 3, 1, false, 1)).hasMessageContaining("countCap");
        Dataset data = new Dataset("tiny", IdMap.range(USERS), IdMap.range(ITEMS), train, Interactions.empty(USERS, ITEMS),
                Interactions.empty(USERS, ITEMS));
        Teacher model = new Teacher("model", teacher.scorer(), Optional.of(teacher));
        assertThatThrownBy(() -> RceKdConfig.defaults().objectives(model, data, ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid studentDepth: 200 (RCE-KD student list depth, must be <= 40, the items of tiny;"
                        + " lower --rce-depth, and --rce-k and --rce-l with it)");
        assertThat(RceKdConfig.defaults().withSizes(5, 5, 40).objectives(model, data, ONE)).hasSize(2);
    }

    @TempDir
    Path dir;

    @Test
    void aScoreFileThatListsSomePairsIsRefusedOneWithEveryPairIsUsed() throws IOException {
        Dataset data = new Dataset("tiny", IdMap.range(USERS), IdMap.range(ITEMS), train, Interactions.empty(USERS, ITEMS),
                Interactions.empty(USERS, ITEMS));
        Path some = dir.resolve("some.tsv");
        Files.write(some, List.of("0\t1\t0.5", "3\t2\t0.25"));
        Teacher listed = new Teacher("score file some.tsv", ScoreFile.read(some, data.users(), data.items()).scorer(), Optional.empty());
        RceKdConfig config = RceKdConfig.defaults().withSizes(5, 5, 20);
        assertThatThrownBy(() -> config.objectives(listed, data, ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rce-kd needs the teacher's score of every user-item pair (its cross-entropy runs over the student's top items,"
                        + " whatever they are), but the teacher (score file some.tsv) scores 2 of 480 pairs; give a model file (--teacher)"
                        + " or embedding matrices (--teacher-embeddings)");
        List<String> lines = new java.util.ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                lines.add(u + "\t" + i + "\t" + teacher.score(u, i));
            }
        }
        Path all = dir.resolve("all.tsv");
        Files.write(all, lines);
        Teacher every = new Teacher("score file all.tsv", ScoreFile.read(all, data.users(), data.items()).scorer(), Optional.empty());
        assertThat(config.objectives(every, data, ONE)).hasSize(2);
    }
}
