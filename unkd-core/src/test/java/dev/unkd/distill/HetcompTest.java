package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.teacher.TeacherTrajectory;
import dev.unkd.testing.TestData;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * HetComp: finite-difference checks of its two list-wise losses and of the distiller's batch
 * term, known answers of the rank ensemble, the discrepancy and the easy-to-hard switching rule
 * on hand-made lists, the rest draws, and what it refuses.
 */
class HetcompTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);
    private static final int USERS = 12;
    private static final int ITEMS = 40;
    private static final int DIM = 4;

    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 6, 21);
    private final Batch batch = DistillFixtures.batch(new int[] {0, 3, 3, 5, 7, 0, 11}, ITEMS, 5);
    private final int[] userRows = {0, 3, 5, 7, 11, 1};
    private final int[] itemRows = IntStream.range(0, ITEMS).toArray();

    private TeacherTrajectory trajectory(long seed, int stages) {
        List<Scorer> scorers = IntStream.range(0, stages)
                .mapToObj(s -> (Scorer) DistillFixtures.randomEmbeddings(USERS, ITEMS, 6, 1.0, seed + s).scorer()).toList();
        return new TeacherTrajectory("test " + seed, IntStream.range(0, stages).boxed().toList(), scorers);
    }

    private static EpochContext epoch(int e) {
        return new EpochContext(e, MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1)), 99, ONE);
    }

    // ---- the losses

    @Test
    void bothLossesMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 6; trial++) {
            int p = 1 + rng.nextInt(5);
            int k = 10 + rng.nextInt(15);
            int m = rng.nextInt(6);
            double w = 0.5 + 3 * rng.nextDouble();
            double[] all = new double[p + k + m];
            for (int j = 0; j < all.length; j++) {
                all[j] = rng.nextDouble() * 6 - 3;
            }
            for (boolean rank : new boolean[] {false, true}) {
                double[] analytic = gradient(all, p, k, m, w, rank);
                for (int j = 0; j < all.length; j++) {
                    double h = 1e-5;
                    double[] up = all.clone();
                    double[] down = all.clone();
                    up[j] += h;
                    down[j] -= h;
                    double numeric = (loss(up, p, k, m, w, rank) - loss(down, p, k, m, w, rank)) / (2 * h);
                    assertThat(analytic[j]).as("trial %d rank %s coordinate %d", trial, rank, j).isCloseTo(numeric,
                            within(1e-6 + 1e-5 * Math.abs(numeric)));
                }
            }
        }
    }

    /** The loss on [observed | top | rest] scores, rest weighted by w as the sampled estimate is. */
    private static double loss(double[] all, int p, int k, int m, double w, boolean rank) {
        double[] o = java.util.Arrays.copyOfRange(all, 0, p);
        double[] t = java.util.Arrays.copyOfRange(all, p, p + k);
        double rest = 0;
        for (int j = 0; j < m; j++) {
            rest += w * Math.exp(all[p + k + j]);
        }
        HetcompLoss.Gradient g = new HetcompLoss.Gradient();
        return rank ? HetcompLoss.rank(o, p, t, k, rest, g) : HetcompLoss.overall(o, p, t, k, rest, g);
    }

    private static double[] gradient(double[] all, int p, int k, int m, double w, boolean rank) {
        double[] o = java.util.Arrays.copyOfRange(all, 0, p);
        double[] t = java.util.Arrays.copyOfRange(all, p, p + k);
        double rest = 0;
        for (int j = 0; j < m; j++) {
            rest += w * Math.exp(all[p + k + j]);
        }
        HetcompLoss.Gradient g = new HetcompLoss.Gradient();
        if (rank) {
            HetcompLoss.rank(o, p, t, k, rest, g);
        } else {
            HetcompLoss.overall(o, p, t, k, rest, g);
        }
        double[] out = new double[all.length];
        System.arraycopy(g.observed, 0, out, 0, p);
        System.arraycopy(g.top, 0, out, p, k);
        for (int j = 0; j < m; j++) {
            out[p + k + j] = g.restCoefficient * w * Math.exp(all[p + k + j]);
        }
        return out;
    }

    @Test
    void overallLossIsTheSumOfEachListedItemAgainstTheRest() {
        // one observed item (score 0) and ten listed items (score 0), rest = 2: each term log(1 + 2) - 0
        double[] o = {0};
        double[] t = new double[10];
        HetcompLoss.Gradient g = new HetcompLoss.Gradient();
        assertThat(HetcompLoss.overall(o, 1, t, 10, 2, g)).isCloseTo(11 * Math.log(3), within(1e-12));
        assertThat(g.observed[0]).isCloseTo(1.0 / 3 - 1, within(1e-12));
        assertThat(g.restCoefficient).isCloseTo(11.0 / 3, within(1e-12));
        // scores beyond the clamp have no gradient
        assertThat(HetcompLoss.clampSlope(41)).isZero();
        assertThat(HetcompLoss.clampedExp(100)).isEqualTo(Math.exp(40));
    }

    // ---- ensemble, discrepancy, schedule

    @Test
    void rankEnsembleSumsRankImportanceAndBreaksTiesByIndex() {
        RankEnsemble e = new RankEnsemble(0.05, 10, 20);
        int[] out = new int[5];
        // one teacher: its list
        assertThat(e.combine(new int[][] {{7, 2, 9}}, new int[] {0}, new int[] {3}, 5, out, 0)).isEqualTo(3);
        assertThat(out).startsWith(7, 2, 9);
        // two teachers: items listed by both first (2 at ranks 1 and 0 beats 7 at 0 and 2), then singles by rank, ties by index
        int n = e.combine(new int[][] {{7, 2, 5}, {2, 4, 7}}, new int[] {0, 0}, new int[] {3, 3}, 5, out, 0);
        assertThat(n).isEqualTo(4);
        double i0 = 1;
        double i1 = Math.pow(2, -0.05);
        double i2 = Math.pow(3, -0.05);
        assertThat(i1 + i0).isGreaterThan(i0 + i2); // item 2 > item 7
        assertThat(out).startsWith(2, 7, 4, 5); // then 4 (rank 1 of one list) before 5 (rank 2)
        // equal importance: the lower index first
        n = e.combine(new int[][] {{3}, {1}}, new int[] {0, 0}, new int[] {1, 1}, 5, out, 0);
        assertThat(n).isEqualTo(2);
        assertThat(out).startsWith(1, 3);
    }

    @Test
    void discrepancyIsOneMinusTheGainWeightedOverlap() {
        ListDiscrepancy d = new ListDiscrepancy(3, 10, 20);
        int[] teacher = {4, 5, 6};
        assertThat(d.distance(new int[] {6, 4, 5}, 0, 3, teacher, 0, 3)).isCloseTo(0, within(1e-12));
        assertThat(d.distance(new int[] {1, 2, 3}, 0, 3, teacher, 0, 3)).isCloseTo(1, within(1e-12));
        double[] w = new double[3];
        for (int t = 0; t < 3; t++) {
            w[t] = (Math.pow(2, Math.exp(-t / 10.0)) - 1) / (Math.log(t + 2) / Math.log(2));
        }
        // hits at the student's positions 0 and 2
        assertThat(d.distance(new int[] {5, 9, 4}, 0, 3, teacher, 0, 3)).isCloseTo(1 - (w[0] + w[2]) / (w[0] + w[1] + w[2]), within(1e-12));
    }

    /** A scorer that ranks, for every user, the items of {@code order} first in that order. */
    private static Scorer listing(int users, int items, int[][] orderPerUser) {
        return new Scorer() {
            @Override
            public int numUsers() {
                return users;
            }

            @Override
            public int numItems() {
                return items;
            }

            @Override
            public float score(int u, int i) {
                int[] order = orderPerUser[u];
                for (int r = 0; r < order.length; r++) {
                    if (order[r] == i) {
                        return 100 - r;
                    }
                }
                return -i;
            }
        };
    }

    @Test
    void usersMoveOnWhenTheStudentClosesTheGapOrDriftsAway() {
        int users = 4;
        int items = 30;
        Interactions none = Interactions.empty(users, items);
        int[] a = {0, 1, 2, 3};
        int[] b = {10, 11, 12, 13};
        int[] c = {20, 21, 22, 23};
        TeacherRanking[] stages = new TeacherRanking[3];
        int[][] lists = {a, b, c};
        for (int s = 0; s < 3; s++) {
            int[][] per = {lists[s], lists[s], lists[s], lists[s]};
            stages[s] = TeacherRanking.plain(listing(users, items, per), none, 4, ONE);
        }
        EasyToHardSchedule schedule = new EasyToHardSchedule(new TeacherRanking[][] {stages}, items, 10, 1.05, 0.995, 4, 10);
        assertThat(schedule.due(5)).isFalse();
        assertThat(schedule.due(10)).isTrue();
        // first step: the student shares two of stage 1's four items with every user (its last two): references only
        int[] half = {0, 1, 12, 13};
        schedule.step(student(users, items, none, half, half, half, half), 10, ONE);
        assertThat(IntStream.range(0, users).map(u -> schedule.stage(0, u)).toArray()).containsExactly(0, 0, 0, 0);
        // second step (threshold 1.05 * 0.995^2 = 1.0396): user 0 equals stage 1 (distance 0), user 1 unchanged (ratio 1: stays),
        // user 2 shares nothing any more (ratio < 1: moves on), user 3 has three items at the top (ratio > threshold: moves on)
        int[] closer = {10, 11, 12, 5};
        boolean moved = schedule.step(student(users, items, none, b, half, a, closer), 20, ONE);
        assertThat(moved).isTrue();
        assertThat(IntStream.range(0, users).map(u -> schedule.stage(0, u)).toArray()).containsExactly(1, 0, 1, 1);
        assertThat(schedule.finished()).isFalse();
        // once the threshold has decayed below 1 (after 10 steps) every remaining user moves at each step
        schedule.step(student(users, items, none, half, half, half, half), 110, ONE);
        assertThat(IntStream.range(0, users).map(u -> schedule.stage(0, u)).toArray()).containsExactly(2, 1, 2, 2);
        schedule.step(student(users, items, none, half, half, half, half), 120, ONE);
        assertThat(schedule.finished()).isTrue();
        assertThat(schedule.due(130)).isFalse();
    }

    private static TeacherRanking student(int users, int items, Interactions train, int[]... perUser) {
        return TeacherRanking.plain(listing(users, items, perUser), train, 4, ONE);
    }

    // ---- the distiller

    @Test
    void listsAreTheEnsembleOfTheCurrentStagesAndObservedItemsAreTrainingItems() {
        TeacherTrajectory x = trajectory(50, 3);
        TeacherTrajectory y = trajectory(60, 2);
        HetcompConfig config = HetcompConfig.defaults().withLists(10, 3);
        HetcompDistillation d = HetcompDistillation.prepare(config, List.of(x, y), train, ONE);
        RankEnsemble e = new RankEnsemble(config.ensembleBeta(), ITEMS, 20);
        for (int u = 0; u < USERS; u++) {
            TeacherRanking rx = TeacherRanking.plain(x.stages().get(0), train, 10, ONE);
            TeacherRanking ry = TeacherRanking.plain(y.stages().get(0), train, 10, ONE);
            int[] expected = new int[10];
            int n = e.combine(new int[][] {rx.list(u, 0), ry.list(u, 0)}, new int[2], new int[] {rx.length(u, 0), ry.length(u, 0)}, 10,
                    expected, 0);
            assertThat(d.list(u)).containsExactly(java.util.Arrays.copyOf(expected, n));
            int uu = u;
            assertThat(d.observedList(u)).hasSize(Math.min(3, train.userDegree(u)));
            assertThat(IntStream.of(d.observedList(u)).allMatch(i -> train.contains(uu, i))).isTrue();
        }
        // one teacher: its first checkpoint's top K, and its final model's best training items
        HetcompDistillation single = HetcompDistillation.prepare(config, List.of(x), train, ONE);
        TeacherRanking first = TeacherRanking.plain(x.stages().get(0), train, 10, ONE);
        Scorer last = x.finalModel();
        for (int u = 0; u < USERS; u++) {
            assertThat(single.list(u)).containsExactly(first.list(u, 0));
            int[] obs = single.observedList(u);
            for (int j = 1; j < obs.length; j++) {
                assertThat(last.score(u, obs[j - 1])).isGreaterThanOrEqualTo(last.score(u, obs[j]));
            }
        }
    }

    @Test
    void restDrawsAreUnobservedAndOutsideTheList() {
        HetcompConfig config = HetcompConfig.defaults().withLists(10, 3).withRestSamples(50);
        HetcompDistillation d = HetcompDistillation.prepare(config, List.of(trajectory(50, 2)), train, ONE);
        d.startEpoch(epoch(1));
        for (int u = 0; u < USERS; u++) {
            int[] list = d.list(u);
            int uu = u;
            assertThat(IntStream.of(d.restDraws().draws(u)).allMatch(i -> !train.contains(uu, i) && IntStream.of(list).noneMatch(j -> j == i)))
                    .as("user %d", u).isTrue();
            assertThat(d.restDraws().weight(u)).isEqualTo((float) (ITEMS - train.userDegree(u) - list.length) / 50);
        }
        int[] excluded = {1, 2, 5};
        assertThat(IntStream.range(0, 5).map(r -> RestDraws.nthFree(excluded, 3, r)).toArray()).containsExactly(0, 3, 4, 6, 7);
    }

    @Test
    void manyRestDrawsGiveTheExactLoss() {
        // (N_rest / M) * sum of M uniform draws estimates the rest of the softmax without bias: with many draws the
        // batch loss approaches the exact one
        Embeddings student = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 0.7, 31);
        double[] losses = new double[2];
        int[] draws = {0, 20000};
        for (int j = 0; j < 2; j++) {
            HetcompConfig config = HetcompConfig.defaults().withLists(10, 3).withRestSamples(draws[j]);
            HetcompDistillation d = HetcompDistillation.prepare(config, List.of(trajectory(50, 2)), train, ONE);
            d.startEpoch(epoch(1));
            losses[j] = DistillFixtures.run(d, batch, student, 3, null);
        }
        assertThat(losses[1]).isCloseTo(losses[0], within(2e-3 * losses[0]));
    }

    @Test
    void batchTermMatchesFiniteDifferencesInBothPhasesExactAndSampled() {
        for (int rest : new int[] {0, 7}) {
            HetcompConfig config = HetcompConfig.defaults().withLists(10, 3).withRestSamples(rest).withSchedule(5, 1, 0.5).withKdWeight(0.3);
            HetcompDistillation d = HetcompDistillation.prepare(config, List.of(trajectory(50, 3), trajectory(70, 2)), train, ONE);
            d.startEpoch(epoch(1));
            assertThat(d.rankPhase()).isFalse();
            Embeddings student = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 0.7, 31);
            assertThat(DistillFixtures.gradientError(d, batch, student, userRows, itemRows, 1e-3, 2e-3, 1e-6)).as("overall, rest " + rest)
                    .isLessThanOrEqualTo(0);
            // alpha 0.5: references after epoch 1, then every step moves every user (after epochs 2 and 3): ranking phase from epoch 4
            for (int e = 2; e <= 4; e++) {
                d.startEpoch(epoch(e));
            }
            assertThat(d.rankPhase()).isTrue();
            assertThat(DistillFixtures.gradientError(d, batch, student, userRows, itemRows, 1e-3, 2e-3, 1e-6)).as("rank, rest " + rest)
                    .isLessThanOrEqualTo(0);
        }
    }

    @Test
    void refusesTeachersWithoutTrajectoriesAndInvalidSettings() {
        Dataset data = TestData.clustered(USERS, ITEMS, 4, 3);
        Teacher plain = new Teacher("score file s.txt", DistillFixtures.randomEmbeddings(USERS, ITEMS, 4, 1, 2).scorer(), Optional.empty());
        assertThatThrownBy(() -> HetcompConfig.defaults().objectives(plain, data, ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score file s.txt").hasMessageContaining("--checkpoints");
        assertThatThrownBy(() -> new TeacherTrajectory("t", List.of(1), List.of(plain.scorer()))).hasMessageContaining("at least one checkpoint");
        assertThatThrownBy(() -> HetcompConfig.defaults().withLists(9, 10)).hasMessageContaining("K/10");
        assertThatThrownBy(() -> HetcompConfig.defaults().withRestSamples(-1)).hasMessageContaining("rest draws");
        assertThatThrownBy(() -> HetcompConfig.defaults().withSchedule(50, 0, 1.05)).hasMessageContaining("construction period");
        assertThat(DistillationMethods.parse("HetComp")).isSameAs(DistillationMethods.HETCOMP);
    }
}
