package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.Batch;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.EpochContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * unkd-plus: the in-group subsets are RCE-KD's within each popularity group, the cross-group
 * targets are the teacher's deconfounded softmax, the penalty fit matches group shares, the loss
 * has the finite-difference gradient, one group without the cross term is RCE-KD bit for bit, and
 * students are bit-identical with 1 and 2 threads.
 */
class UnkdPlusTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);
    private static final int USERS = 12;
    private static final int ITEMS = 40;
    private static final int DIM = 4;

    private final Interactions train = everyItemSeen(DistillFixtures.powerLaw(USERS, ITEMS, 6, 21));
    private final Embeddings teacher = DistillFixtures.randomEmbeddings(USERS, ITEMS, 6, 1.0, 22);
    private final Batch batch = DistillFixtures.batch(new int[] {0, 3, 3, 5, 7, 0, 11, 3}, ITEMS, 5);
    private final int[] userRows = IntStream.range(0, USERS).toArray();
    private final int[] itemRows = IntStream.range(0, ITEMS).toArray();

    /** The interactions plus (i mod users, i) for every item, so that every item has a popularity group. */
    private static Interactions everyItemSeen(Interactions base) {
        int n = base.size();
        int[] us = Arrays.copyOf(base.pairUsers(), n + base.numItems());
        int[] is = Arrays.copyOf(base.userItemArray(), n + base.numItems());
        for (int i = 0; i < base.numItems(); i++) {
            us[n + i] = i % base.numUsers();
            is[n + i] = i;
        }
        return Interactions.of(base.numUsers(), base.numItems(), us, is);
    }

    /** The interactions with items below {@code first} only. */
    private static Interactions withoutItemsFrom(Interactions base, int first) {
        int[] us = base.pairUsers();
        int[] is = base.userItemArray();
        int[] keep = IntStream.range(0, base.size()).filter(k -> is[k] < first).toArray();
        return Interactions.of(base.numUsers(), base.numItems(), IntStream.of(keep).map(k -> us[k]).toArray(),
                IntStream.of(keep).map(k -> is[k]).toArray());
    }

    private Dataset data(Interactions valid) {
        return new Dataset("tiny", IdMap.range(USERS), IdMap.range(ITEMS), train, valid, Interactions.empty(USERS, ITEMS));
    }

    private static EpochContext epoch(int e, long seed) {
        return new EpochContext(e, MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1)), seed, ONE);
    }

    /** K = 3, L = 2, D = 6, tau 0.7; 3 groups, cross-group term weight 0.6 over 2 items per group, penalty 0.3. */
    private static UnkdPlusConfig small() {
        return UnkdPlusConfig.defaults().withExposureGain(0).withGroups(3).withSizes(3, 2, 6).withTemperature(0.7).withCross(0.6, 2)
                .withPenalty(0.3).withKdWeight(0.8);
    }

    private UnkdPlusDistillation distiller(UnkdPlusConfig config) {
        UnkdPlusDistillation d = UnkdPlusDistillation.prepare(config, teacher.scorer(), data(Interactions.empty(USERS, ITEMS)),
                config.popularityGroups(train), ONE);
        d.startEpoch(epoch(1, 99));
        return d;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (boolean exclude : new boolean[] {true, false}) {
            for (double crossWeight : new double[] {0.6, 0}) {
                UnkdPlusDistillation d = distiller(small().withExcludeTrain(exclude).withCross(crossWeight, 2));
                Embeddings student = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31);
                assertThat(DistillFixtures.gradientError(d, batch, student, userRows, itemRows, 1e-3, 2e-3, 1e-6))
                        .as("exclude %s cross %s", exclude, crossWeight).isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void eachGroupsFirstSubsetIsTheStudentsTopKWithinTheGroup() {
        UnkdPlusDistillation d = distiller(small());
        PopularityGroups groups = small().popularityGroups(train);
        assertThat(groups.numGroups()).isEqualTo(3);
        Embeddings s = epoch(1, 99).model().forward();
        for (int u = 0; u < USERS; u++) {
            for (int g = 0; g < 3; g++) {
                int[] first = d.subsets(g).orElseThrow().first(u);
                int user = u;
                int[] eligible = IntStream.of(groups.members(g)).filter(i -> !train.contains(user, i)).toArray();
                assertThat(first).hasSize(Math.min(3, eligible.length));
                Integer[] byStudent = IntStream.of(eligible).boxed().toArray(Integer[]::new);
                Arrays.sort(byStudent, (a, b) -> s.score(user, a) != s.score(user, b) ? Float.compare(s.score(user, b), s.score(user, a))
                        : Integer.compare(a, b));
                assertThat(first).as("user %d group %d", u, g).containsExactly(
                        Arrays.stream(byStudent).limit(first.length).mapToInt(Integer::intValue).toArray());
                for (int i : d.teacherTop().list(u, g)) {
                    assertThat(groups.groupOf(i)).isEqualTo(g);
                }
            }
        }
    }

    @Test
    void crossGroupTargetsAreTheTeachersDeconfoundedSoftmaxOverEachGroupsBest() {
        UnkdPlusDistillation d = distiller(small());
        CrossGroupTargets cross = d.cross().orElseThrow();
        int[] popularity = train.itemPopularity();
        for (int u = 0; u < USERS; u++) {
            int[] items = cross.items(u);
            int user = u;
            int[] byGroup = IntStream.range(0, 3).flatMap(g -> IntStream.of(d.teacherTop().list(user, g)).limit(2)).toArray();
            assertThat(items).containsExactly(byGroup);
            double sum = 0;
            for (int i : items) {
                sum += Math.exp((teacher.score(u, i) - 0.3 * Math.log1p(popularity[i])) / 0.7);
            }
            for (int j = 0; j < items.length; j++) {
                double p = Math.exp((teacher.score(u, items[j]) - 0.3 * Math.log1p(popularity[items[j]])) / 0.7) / sum;
                assertThat((double) cross.target(u, j)).as("user %d item %d", u, items[j]).isCloseTo(p, within(1e-6));
            }
        }
    }

    @Test
    void theStudentsBestItemsJoinTheCrossGroupSetWithTheSameTargets() {
        UnkdPlusDistillation d = distiller(small().withCrossStudent(3));
        CrossGroupTargets cross = d.cross().orElseThrow();
        TeacherRanking student = d.studentTop().orElseThrow();
        int[] popularity = train.itemPopularity();
        boolean added = false;
        for (int u = 0; u < USERS; u++) {
            int user = u;
            List<Integer> expected = new java.util.ArrayList<>();
            for (int g = 0; g < 3; g++) {
                List<Integer> teacherBest = IntStream.of(d.teacherTop().list(user, g)).limit(2).boxed().toList();
                expected.addAll(teacherBest);
                IntStream.of(student.list(user, g)).limit(3).filter(i -> !teacherBest.contains(i) && !train.contains(user, i))
                        .forEach(expected::add);
            }
            int[] items = cross.items(u);
            assertThat(items).as("user %d", u).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            added |= items.length > 6;
            double sum = 0;
            for (int i : items) {
                sum += Math.exp((teacher.score(u, i) - 0.3 * Math.log1p(popularity[i])) / 0.7);
            }
            for (int j = 0; j < items.length; j++) {
                double p = Math.exp((teacher.score(u, items[j]) - 0.3 * Math.log1p(popularity[items[j]])) / 0.7) / sum;
                assertThat((double) cross.target(u, j)).isCloseTo(p, within(1e-6));
            }
        }
        assertThat(added).as("some student items are not among the teacher's best").isTrue();
        assertThat(distiller(small()).cross().orElseThrow().items(0)).hasSize(6); // off: the teacher's best only
        Embeddings s = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31);
        assertThat(DistillFixtures.gradientError(d, batch, s, userRows, itemRows, 1e-3, 2e-3, 1e-6)).isLessThanOrEqualTo(0);
    }

    @Test
    void theKdWeightDecaysAfterEachRunOfValidationsWithoutImprovement() {
        UnkdPlusDistillation d = distiller(small().withKdDecay(0.5, 2));
        d.validated(5, 0.1, true);
        d.validated(10, 0.09, false);
        assertThat(d.currentKdWeight()).isEqualTo(0.8);
        d.validated(15, 0.08, false); // the second in a row
        assertThat(d.currentKdWeight()).isEqualTo(0.4);
        d.validated(20, 0.2, true);
        d.validated(25, 0.1, false);
        assertThat(d.currentKdWeight()).as("an improvement restarts the count").isEqualTo(0.4);
        d.validated(30, 0.1, false);
        assertThat(d.currentKdWeight()).isEqualTo(0.2);
        double before = d.accumulate(batch, 0, batch.size(), DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31),
                new dev.unkd.train.GradientLog(DIM), new SplittableRandom(3));
        UnkdPlusDistillation constant = distiller(small().withKdDecay(1, 2));
        for (int e = 1; e <= 6; e++) {
            constant.validated(5 * e, 0.1, false);
        }
        assertThat(constant.currentKdWeight()).as("kdDecay 1: a constant weight").isEqualTo(0.8);
        double full = constant.accumulate(batch, 0, batch.size(), DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31),
                new dev.unkd.train.GradientLog(DIM), new SplittableRandom(3));
        assertThat(before).as("the loss scales with the weight").isCloseTo(full / 4, within(1e-9 * Math.abs(full)));
    }

    @Test
    void itemsWithoutTrainingInteractionsJoinTheTailGroupsListsWhenAskedTo() {
        // items 36..39 have no training interaction: in no group by default, in the last with LAST_GROUP
        Interactions sparse = withoutItemsFrom(train, 36);
        Dataset d = new Dataset("sparse", IdMap.range(USERS), IdMap.range(ITEMS), sparse, Interactions.empty(USERS, ITEMS),
                Interactions.empty(USERS, ITEMS));
        UnkdPlusConfig last = small().withExposureGain(0);
        UnkdPlusConfig base = last.withZeroPopularity(ZeroPopularityItems.EXCLUDED);
        assertThat(last.zeroPopularity()).as("the default").isEqualTo(ZeroPopularityItems.LAST_GROUP);
        PopularityGroups excluded = base.popularityGroups(sparse);
        PopularityGroups tail = last.popularityGroups(sparse);
        for (int i = 36; i < 40; i++) {
            assertThat(excluded.groupOf(i)).isEqualTo(PopularityGroups.NONE);
            assertThat(tail.groupOf(i)).isEqualTo(tail.numGroups() - 1);
        }
        UnkdPlusDistillation plus = UnkdPlusDistillation.prepare(last, teacher.scorer(), d, tail, ONE);
        plus.startEpoch(epoch(1, 99));
        TeacherRanking student = plus.studentTop().orElseThrow();
        boolean listed = false;
        for (int u = 0; u < USERS; u++) {
            listed |= IntStream.of(student.list(u, tail.numGroups() - 1)).anyMatch(i -> i >= 36);
        }
        assertThat(listed).as("the tail group's lists hold the unseen items").isTrue();
    }

    @Test
    void lossIsTheGroupsMeanPlusTheWeightedCrossTermPerBatchRow() {
        UnkdPlusDistillation d = distiller(small());
        Embeddings student = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, 1, 31);
        CrossGroupTargets cross = d.cross().orElseThrow();
        double expected = 0;
        for (int b = 0; b < batch.size(); b++) {
            int u = batch.users()[b];
            for (int g = 0; g < 3; g++) {
                ClosedSubsets s = d.subsets(g).orElseThrow();
                expected += (s.firstWeight(u) * crossEntropy(u, s.first(u), teacherTargets(u, s.first(u), 0.7), student, 0.7)
                        + s.secondWeight(u) * crossEntropy(u, s.second(u), teacherTargets(u, s.second(u), 0.7), student, 0.7)) / 3;
            }
            int[] items = cross.items(u);
            double[] p = IntStream.range(0, items.length).mapToDouble(j -> cross.target(u, j)).toArray();
            expected += 0.6 * crossEntropy(u, items, p, student, 0.7);
        }
        expected *= 0.8 / batch.size();
        assertThat(DistillFixtures.run(d, batch, student, 3, null)).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
        assertThat(DistillFixtures.run(d, batch, student, 8, null)).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    }

    private double[] teacherTargets(int u, int[] items, double tau) {
        double z = IntStream.of(items).mapToDouble(i -> Math.exp(teacher.score(u, i) / tau)).sum();
        return IntStream.of(items).mapToDouble(i -> Math.exp(teacher.score(u, i) / tau) / z).toArray();
    }

    /** -sum_i p(i) log q_S(i), q_S the softmax of s / tau over the items. */
    private static double crossEntropy(int u, int[] items, double[] p, Embeddings student, double tau) {
        double zs = IntStream.of(items).mapToDouble(i -> Math.exp(student.score(u, i) / tau)).sum();
        double ce = 0;
        for (int j = 0; j < items.length; j++) {
            ce -= p[j] * (student.score(u, items[j]) / tau - Math.log(zs));
        }
        return ce;
    }

    @Test
    void thePenaltyFitMatchesTheGroupSharesOfTheValidationInteractions() {
        // 30 users x 300 items (so that a top 20 is a choice) and a teacher that favours popular items:
        // score = 0.5 log(1 + pop) + a small preference
        int users = 30;
        int items = 300;
        Interactions train = everyItemSeen(DistillFixtures.powerLaw(users, items, 40, 8));
        int[] popularity = train.itemPopularity();
        Embeddings preference = DistillFixtures.randomEmbeddings(users, items, 3, 0.3, 5);
        Scorer popular = DistillFixtures.scorer(users, items,
                (user, item) -> (float) (0.5 * Math.log1p(popularity[item]) + preference.score(user, item)));
        PopularityGroups groups = PopularityGroups.split(train, 3, false);
        TeacherRanking unobserved = TeacherRanking.grouped(popular, train, groups, PopularityPenalty.DEPTH, ONE);
        int[] all = IntStream.range(0, users).toArray();
        PopularityPenalty pools = PopularityPenalty.pools(unobserved, PopularityPenalty.DEPTH, popular, popularity, all);
        double[] teacherShares = pools.shares(0);
        // matching the teacher's own shares needs no penalty
        assertThat(pools.closest(teacherShares)).isZero();
        // an even target pulls the penalty up and the shares towards it
        double[] even = {1 / 3.0, 1 / 3.0, 1 / 3.0};
        double gamma = pools.closest(even);
        assertThat(gamma).isPositive();
        assertThat(totalVariation(pools.shares(gamma), even)).isLessThan(totalVariation(teacherShares, even));
        assertThat(teacherShares[0]).as("the teacher over-recommends group 0").isGreaterThan(1 / 3.0);
        // the shares of the validation interactions are the target
        int[] tail = groups.members(2);
        Interactions valid = Interactions.of(users, items, all, IntStream.range(0, users).map(u -> tail[u % tail.length]).toArray());
        assertThat(PopularityPenalty.interactionShares(valid, groups)).containsExactly(0, 0, 1);
        PopularityPenalty.Fit fit = PopularityPenalty.pools(unobserved, PopularityPenalty.DEPTH, popular, popularity,
                PopularityPenalty.referenceUsers(train, valid)).fit(groups, train, valid);
        assertThat(fit.penalty()).isEqualTo(pools.closest(new double[] {0, 0, 1}));
        assertThat(fit.before()).containsExactly(teacherShares);
        assertThat(fit.after()).containsExactly(pools.shares(fit.penalty()));
        assertThat(fit.toString()).startsWith("penalty ").contains("teacher top-20 group shares", "target 0.000 0.000 1.000");
        assertThat(PopularityPenalty.spaced(new int[] {1, 2, 3, 4, 5, 6}, 3)).containsExactly(1, 3, 5);
    }

    /** A student that scores items by sign * log(1 + popularity), the same for every user. */
    private MatrixFactorization byPopularity(double sign) {
        MatrixFactorization m = MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1));
        Arrays.fill(m.userTable().data(), 0f);
        Arrays.fill(m.itemTable().data(), 0f);
        int[] popularity = train.itemPopularity();
        for (int u = 0; u < USERS; u++) {
            m.userTable().data()[u * DIM] = 1f;
        }
        for (int i = 0; i < ITEMS; i++) {
            m.itemTable().data()[i * DIM] = (float) (sign * Math.log1p(popularity[i]) + 1e-3 * i);
        }
        return m;
    }

    @Test
    void theExposureControllerPenalisesOnlyTheGroupsTheStudentOverExposes() {
        // pooled units: every user's targets carry b_g itself (USER's factor on it is checked below)
        UnkdPlusConfig config = small().withSizes(3, 2, 20).withPenalty(0).withExposureGain(5).withExposureTilt(0)
                .withPenaltyUnit(PenaltyUnit.POOLED);
        PopularityGroups groups = config.popularityGroups(train);
        int last = groups.numGroups() - 1;
        // a student that ranks by popularity fills its top 20 from the popular groups, more than the (random) teacher does
        UnkdPlusDistillation up = UnkdPlusDistillation.prepare(config, teacher.scorer(), data(Interactions.empty(USERS, ITEMS)), groups, ONE);
        up.startEpoch(new EpochContext(1, byPopularity(1), 99, ONE));
        assertThat(up.groupPenalties()).as("before epoch 1 the student is untrained: no step").containsOnly(0.0);
        up.startEpoch(new EpochContext(2, byPopularity(1), 99, ONE));
        double[] first = up.groupPenalties();
        assertThat(first[0]).as("the popular group is over-exposed").isPositive();
        assertThat(first[last]).as("the tail is under-exposed: no penalty").isZero();
        up.startEpoch(new EpochContext(3, byPopularity(1), 99, ONE));
        assertThat(up.groupPenalties()[0]).as("the same gap again: the same step again").isCloseTo(2 * first[0], within(1e-12));
        // the cross-group targets carry each item's group penalty
        double[] offsets = up.groupPenalties();
        CrossGroupTargets cross = up.cross().orElseThrow();
        int[] items = cross.items(0);
        double sum = IntStream.of(items).mapToDouble(i -> Math.exp((teacher.score(0, i) - offsets[groups.groupOf(i)]) / 0.7)).sum();
        for (int j = 0; j < items.length; j++) {
            assertThat((double) cross.target(0, j)).isCloseTo(Math.exp((teacher.score(0, items[j]) - offsets[groups.groupOf(items[j])]) / 0.7)
                    / sum, within(1e-6));
        }
        // one that avoids popular items over-exposes the tail instead
        UnkdPlusDistillation down = UnkdPlusDistillation.prepare(config, teacher.scorer(), data(Interactions.empty(USERS, ITEMS)), groups,
                ONE);
        down.startEpoch(new EpochContext(2, byPopularity(-1), 99, ONE));
        assertThat(down.groupPenalties()[0]).isZero();
        assertThat(down.groupPenalties()[last]).isPositive();
    }

    @Test
    void perUserPenaltiesMoveEveryUsersTargetsByTheSameNumberOfItsOwnScoreDeviations() {
        UnkdPlusConfig config = small().withSizes(3, 2, 20).withPenalty(0).withExposureGain(5).withExposureTilt(0)
                .withPenaltyUnit(PenaltyUnit.USER);
        PopularityGroups groups = config.popularityGroups(train);
        UnkdPlusDistillation up = UnkdPlusDistillation.prepare(config, teacher.scorer(), data(Interactions.empty(USERS, ITEMS)), groups, ONE);
        up.startEpoch(new EpochContext(2, byPopularity(1), 99, ONE));
        double[] offsets = up.groupPenalties();
        assertThat(offsets[0]).isPositive();
        CrossGroupTargets cross = up.cross().orElseThrow();
        // log(p_i / p_j) = (t_i - t_j - f_u (b_g(i) - b_g(j))) / tau, so f_u follows from any two items of groups with different penalties
        double[] factor = new double[2];
        double[] spread = new double[2];
        for (int u = 0; u < 2; u++) {
            int[] items = cross.items(u);
            int i = IntStream.range(0, items.length).filter(j -> groups.groupOf(items[j]) == 0).findFirst().orElseThrow();
            int j = IntStream.range(0, items.length).filter(k -> offsets[groups.groupOf(items[k])] == 0).findFirst().orElseThrow();
            int user = u;
            double logOdds = Math.log((double) cross.target(u, i) / cross.target(u, j));
            factor[u] = (teacher.score(u, items[i]) - teacher.score(u, items[j]) - 0.7 * logOdds) / (offsets[0] - offsets[groups.groupOf(items[j])]);
            double[] scores = IntStream.of(items).mapToDouble(k -> teacher.score(user, k)).toArray();
            double mean = Arrays.stream(scores).average().orElseThrow();
            spread[u] = Math.sqrt(Arrays.stream(scores).map(x -> (x - mean) * (x - mean)).sum() / scores.length);
        }
        assertThat(factor[0]).isPositive();
        assertThat(factor[0] / factor[1]).as("each user's penalty scales with its own teacher-score spread").isCloseTo(spread[0] / spread[1],
                within(1e-3));
    }

    @Test
    void thePenaltyUnitIsTheUsersScoreDeviationOverThePooledOne() {
        double[] scores = {1, 3, 99};
        assertThat(CrossGroupTargets.penaltyUnit(PenaltyUnit.USER, scores, 2, 0.5)).isEqualTo(2.0); // sd {1, 3} = 1
        assertThat(CrossGroupTargets.penaltyUnit(PenaltyUnit.POOLED, scores, 2, 0.5)).isEqualTo(1.0);
        assertThat(CrossGroupTargets.penaltyUnit(PenaltyUnit.USER, scores, 1, 0.5)).as("one score: no spread").isZero();
        assertThat(CrossGroupTargets.penaltyUnit(PenaltyUnit.USER, scores, 2, 0)).as("no controller spread: as pooled").isEqualTo(1.0);
    }

    @Test
    void theTiltMovesTheExposureTargetFromTheTeachersSharesToTheHeldOutInteractions() {
        assertThat(UnkdPlusDistillation.exposureTarget(new double[] {0.5, 0.3, 0.2}, new double[] {0.2, 0.3, 0.5}, 0.25))
                .containsExactly(new double[] {0.425, 0.3, 0.275}, within(1e-12));
        // tilt 1 with every validation interaction in the tail: the student's share of any other group is over its target
        UnkdPlusConfig config = small().withSizes(3, 2, 20).withPenalty(0).withExposureGain(5).withExposureTilt(1);
        PopularityGroups groups = config.popularityGroups(train);
        int tailItem = groups.members(groups.numGroups() - 1)[0];
        Interactions valid = Interactions.of(USERS, ITEMS, IntStream.range(0, USERS).toArray(), IntStream.range(0, USERS).map(u -> tailItem)
                .toArray());
        UnkdPlusDistillation d = UnkdPlusDistillation.prepare(config, teacher.scorer(), data(valid), groups, ONE);
        d.startEpoch(new EpochContext(2, byPopularity(1), 99, ONE));
        assertThat(d.groupPenalties()[groups.numGroups() - 1]).isZero();
        assertThat(Arrays.stream(d.groupPenalties()).sum()).isPositive();
    }

    private static double totalVariation(double[] a, double[] b) {
        return IntStream.range(0, a.length).mapToDouble(g -> Math.abs(a[g] - b[g])).sum() / 2;
    }

    /** 600 users: more than one chunk of 256 users in every per-user build, so two threads share the work. */
    private static float[][] trainStudent(DistillerSettings config, int threads) {
        return DistillFixtures.trainStudent(config, everyItemSeen(DistillFixtures.powerLaw(600, 60, 12, 13)), threads);
    }

    @Test
    void studentsAreBitIdenticalWithOneOrTwoThreads() {
        for (UnkdPlusConfig config : List.of(UnkdPlusConfig.defaults().withSizes(5, 5, 20).withKdWeight(5),
                UnkdPlusConfig.defaults().withGroups(3).withSizes(4, 3, 20).withCross(2, 3).withExcludeTrain(false).withKdWeight(20),
                UnkdPlusConfig.defaults().withGroups(3).withSizes(4, 3, 20).withCrossStudent(5).withKdWeight(20))) {
            float[][] one = trainStudent(config, 1);
            float[][] two = trainStudent(config, 2);
            assertThat(two[0]).as("users %s", config).isEqualTo(one[0]);
            assertThat(two[1]).as("items %s", config).isEqualTo(one[1]);
            assertThat(trainStudent(config.withKdWeight(0), 1)[0]).as("the term moves the student").isNotEqualTo(one[0]);
        }
    }

    @Test
    void thePairWeightAddsUnkdsPairTermOnTheSameGroupsAndMovesTheStudent() {
        UnkdPlusConfig config = UnkdPlusConfig.defaults().withGroups(3).withSizes(5, 5, 20).withKdWeight(5);
        Teacher t = new Teacher("random", teacher.scorer(), Optional.of(teacher));
        Dataset d = data(Interactions.empty(USERS, ITEMS));
        assertThat(config.objectives(t, d, ONE)).hasSize(2);
        List<BatchObjective> withPairs = config.withPairWeight(0.7).objectives(t, d, ONE);
        assertThat(withPairs).hasSize(3);
        assertThat(withPairs.get(2)).isInstanceOfSatisfying(UnbiasedDistiller.class,
                u -> assertThat(u.config()).isEqualTo(UnkdConfig.defaults().withGroups(3).withKdWeight(0.7)));
        float[][] one = trainStudent(config.withPairWeight(0.7), 1);
        assertThat(trainStudent(config.withPairWeight(0.7), 2)[0]).as("thread count").isEqualTo(one[0]);
        assertThat(trainStudent(config, 1)[0]).as("the pair term moves the student").isNotEqualTo(one[0]);
    }

    @Test
    void oneGroupWithoutTheCrossTermTrainsTheRceKdStudent() {
        for (boolean exclude : new boolean[] {false, true}) {
            UnkdPlusConfig plus = UnkdPlusConfig.defaults().withGroups(1).withCross(0, 1).withSizes(6, 4, 15).withExcludeTrain(exclude)
                    .withKdWeight(30);
            RceKdConfig rce = new RceKdConfig(6, 4, 15, plus.sampleTemperature(), 6, plus.temperature(), plus.beta(), 1, exclude, 30);
            float[][] a = trainStudent(plus, 2);
            float[][] b = trainStudent(rce, 2);
            assertThat(a[0]).as("exclude %s", exclude).isEqualTo(b[0]);
            assertThat(a[1]).as("exclude %s", exclude).isEqualTo(b[1]);
        }
    }

    @Test
    void withAFittedPenaltyTheSubsetsUseOnlyTheTeachersFirstKOfItsDeeperLists() {
        // the fit ranks 100 items per group; the subsets must still take the teacher's top 3 per group only
        UnkdPlusConfig config = UnkdPlusConfig.defaults().withExposureGain(0).withGroups(3).withSizes(3, 2, 6).withCross(0.6, 2)
                .withFittedPenalty().withKdWeight(0.8);
        Interactions valid = Interactions.of(USERS, ITEMS, IntStream.range(0, USERS).toArray(),
                IntStream.range(0, USERS).map(u -> ITEMS - 1 - u).toArray());
        UnkdPlusDistillation d = UnkdPlusDistillation.prepare(config, teacher.scorer(), data(valid), config.popularityGroups(train), ONE);
        d.startEpoch(epoch(1, 99));
        assertThat(d.teacherTop().depth()).isEqualTo(PopularityPenalty.DEPTH);
        assertThat(d.penalty()).isPositive();
        for (int u = 0; u < USERS; u++) {
            for (int g = 0; g < 3; g++) {
                ClosedSubsets s = d.subsets(g).orElseThrow();
                assertThat(s.size(u)).isLessThanOrEqualTo(s.stride());
                int[] teacherFirst = Arrays.copyOf(d.teacherTop().list(u, g), Math.min(3, d.teacherTop().length(u, g)));
                int[] first = s.first(u);
                int[] drawn = s.drawn(u);
                for (int i : s.second(u)) {
                    boolean fromStudent = IntStream.of(drawn).anyMatch(x -> x == i);
                    assertThat(fromStudent || IntStream.of(teacherFirst).anyMatch(x -> x == i)).as("user %d group %d item %d", u, g, i)
                            .isTrue();
                }
                for (int i : teacherFirst) { // every teacher item is in the union
                    assertThat(IntStream.of(first).anyMatch(x -> x == i) || IntStream.of(s.second(u)).anyMatch(x -> x == i)).isTrue();
                }
            }
        }
        // the fitted penalty is the one in the cross-group targets
        CrossGroupTargets cross = d.cross().orElseThrow();
        int[] popularity = train.itemPopularity();
        int[] items = cross.items(0);
        double sum = IntStream.of(items).mapToDouble(i -> Math.exp((teacher.score(0, i) - d.penalty() * Math.log1p(popularity[i])) / 1))
                .sum();
        assertThat((double) cross.target(0, 0))
                .isCloseTo(Math.exp(teacher.score(0, items[0]) - d.penalty() * Math.log1p(popularity[items[0]])) / sum, within(1e-6));
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheReason() {
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withGroups(0)).hasMessageContaining("Invalid groups: 0");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withSizes(20, 5, 10))
                .hasMessage("unkd-plus in-group subsets: Invalid studentDepth: 10 (RCE-KD student list depth, must be >= 20 = topK:"
                        + " the first subset is the student's top K)");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withCross(-1, 3)).hasMessageContaining("Invalid crossWeight: -1.0");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withCross(1, 0)).hasMessageContaining("Invalid crossTop: 0");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withPenalty(Double.NaN)).hasMessageContaining("Invalid penalty: NaN");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withKdWeight(-2)).hasMessageContaining("unkd-plus weight");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withExposureGain(-1)).hasMessageContaining("Invalid exposureGain: -1.0");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withExposureTilt(1.5)).hasMessageContaining("Invalid exposureTilt: 1.5");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withExposureTilt(Double.NaN)).hasMessageContaining("Invalid exposureTilt: NaN");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withSizes(5, 5, 19)).hasMessageContaining("Invalid studentDepth: 19 (the exposure");
        assertThat(UnkdPlusConfig.defaults().withExposureGain(0).withSizes(5, 5, 19).studentDepth()).isEqualTo(19);
        assertThatThrownBy(() -> new UnkdPlusConfig(4, 20, 20, 100, 10, 1, 3, 1, true, 1, 10, 0.3, true, 1, 0.1, 0, 0, 1, 2, ZeroPopularityItems.EXCLUDED, PenaltyUnit.POOLED, 100))
                .hasMessageContaining("Invalid penalty: 0.3 (a fitted penalty replaces it; turn the fit off (--no-fit-penalty");
        assertThat(UnkdPlusConfig.defaults().withPenalty(0.3).withFittedPenalty().penalty()).isZero();
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withCrossStudent(101))
                .hasMessage("Invalid crossStudentTop: 101 (the student's items per group in the cross-group set, from 0 to studentDepth 100)");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withKdDecay(0, 2)).hasMessageContaining("Invalid kdDecay: 0.0");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withKdDecay(1.5, 2)).hasMessageContaining("Invalid kdDecay: 1.5");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withKdDecay(0.5, 0)).hasMessageContaining("Invalid kdPatience: 0");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withZeroPopularity(null)).hasMessageContaining("zeroPopularity");
        assertThatThrownBy(() -> UnkdPlusConfig.defaults().withPairWeight(-0.1)).hasMessageContaining("Invalid pairWeight: -0.1 (weight of UnKD's pair term");
        assertThat(DistillationMethods.parse("UNKD-PLUS").defaults()).isEqualTo(UnkdPlusConfig.defaults());
    }
}
