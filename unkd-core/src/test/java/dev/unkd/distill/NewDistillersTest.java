package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * rrd, de, fitnet and dcd: equivalence of DE-RRD's halves with DE-RRD, finite-difference checks of
 * every new term (student embeddings and the distillers' own parameters), and their sampling.
 */
class NewDistillersTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);
    private static final int USERS = 12;
    private static final int ITEMS = 40;
    private static final int DIM = 4;

    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 6, 21);
    private final Embeddings teacher = DistillFixtures.randomEmbeddings(USERS, ITEMS, 6, 1.0, 22);
    private final Batch batch = DistillFixtures.batch(new int[] {0, 3, 3, 5, 7, 0, 11}, ITEMS, 5);
    private final int[] userRows = IntStream.range(0, USERS).toArray();
    private final int[] itemRows = IntStream.range(0, ITEMS).toArray();

    private static EpochContext epoch(int e) {
        return new EpochContext(e, MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1)), 99, ONE);
    }

    private static Embeddings student(double scale) {
        return DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, scale, 31);
    }

    @Test
    void rrdAndDeAloneTrainTheStudentsOfDeRrdWithTheOtherHalfOff() {
        DeRrdConfig base = DeRrdConfig.defaults().withSampling(30, 8, 10).withDeWeight(0.05).withKdWeight(0.2);
        RrdConfig rrd = RrdConfig.defaults().withSampling(30, 8, 10).withKdWeight(0.2);
        assertThat(train(rrd)).isEqualTo(DeRrdGoldenTest.train(base.withDeWeight(0)));
        DeConfig de = DeConfig.defaults().withKdWeight(0.05);
        assertThat(train(de)).isEqualTo(DeRrdGoldenTest.train(base.withKdWeight(0)));
        assertThat(train(rrd.withSampleInteresting(false))).isNotEqualTo(train(rrd));
    }

    private static int[] train(DistillerSettings s) {
        return DeRrdGoldenTest.train(s);
    }

    @Test
    void rrdWithoutSamplingTakesTheTeachersTopKInOrder() {
        TeacherRanking top = TeacherRanking.plain(teacher.scorer(), train, 10, ONE);
        RrdSamples s = RrdSamples.draw(top, train, 4, 5, new ExponentialRankLaw(30), false, 7, ONE);
        for (int u = 0; u < USERS; u++) {
            assertThat(s.interesting(u)).containsExactly(Arrays.copyOf(top.list(u, 0), Math.min(4, top.length(u, 0))));
            for (int i : s.uninteresting(u)) {
                assertThat(top.list(u, 0)).doesNotContain(i);
                assertThat(train.contains(u, i)).isFalse();
            }
        }
    }

    @Test
    void rrdGradients() {
        for (boolean sample : new boolean[] {true, false}) {
            RrdConfig config = RrdConfig.defaults().withSampling(10, 4, 5).withKdWeight(0.7).withSampleInteresting(sample);
            RrdDistillation d = RrdDistillation.prepare(config, teacher.scorer(), train, ONE);
            d.startEpoch(epoch(1));
            assertThat(DistillFixtures.gradientError(d, batch, student(1), userRows, itemRows, 1e-3, 2e-3, 1e-6)).as("sample " + sample)
                    .isLessThanOrEqualTo(0);
        }
    }

    @Test
    void deStudentAndExpertGradients() {
        for (ExpertActivation activation : ExpertActivation.values()) {
            DeDistillation d = new DeDistillation(DeConfig.defaults().withExperts(3, 2.0, activation).withKdWeight(0.3), train, teacher);
            d.startEpoch(epoch(1));
            double[] check = DistillFixtures.gradientCheck(d, batch, student(0.8), userRows, itemRows, 1e-3, 3e-3, 1e-5, true);
            assertThat(check[0]).as(activation + " student").isLessThanOrEqualTo(0);
            assertThat(check[1]).isLessThan(0.05 * check[2]);
            double[] params = BatchDistillerGradientTest.parameterCheck(d, d.parameters().orElseThrow(), student(0.8), batch, 1e-3, 3e-3, 1e-4);
            assertThat(params[0]).as(activation + " parameters").isLessThanOrEqualTo(0);
            assertThat(params[1]).isLessThan(0.05 * params[2]);
        }
    }

    @Test
    void fitnetStudentAndProjectorGradientsAndLoss() {
        for (boolean bias : new boolean[] {false, true}) {
            FeatureDistillation d = new FeatureDistillation(FitNetConfig.defaults().withKdWeight(0.4).withBias(bias), train, teacher);
            d.startEpoch(epoch(1));
            Embeddings emb = student(0.8);
            assertThat(DistillFixtures.gradientError(d, batch, emb, userRows, itemRows, 1e-3, 2e-3, 1e-5)).as("bias " + bias + " student")
                    .isLessThanOrEqualTo(0);
            double[] params = BatchDistillerGradientTest.parameterCheck(d, d.parameters().orElseThrow(), emb, batch, 1e-3, 2e-3, 1e-5);
            assertThat(params[0]).as("bias " + bias + " parameters").isLessThanOrEqualTo(0);
            assertThat(params[1]).isZero(); // no kinks: the loss is quadratic
            assertThat(d.parameters().orElseThrow().size()).isEqualTo(2 * (DIM * teacher.dim() + (bias ? teacher.dim() : 0)));
            // the loss itself: weight * (mean over users + (mean over positives + mean over negatives) / 2)
            float[] w = d.parameters().orElseThrow().values();
            var pu = d.userProjector().orElseThrow().layer();
            var pi = d.itemProjector().orElseThrow().layer();
            double users = meanError(IntStream.of(batch.users()).distinct().toArray(), true, emb, w, pu, bias);
            double pos = meanError(IntStream.of(batch.positives()).distinct().toArray(), false, emb, w, pi, bias);
            double neg = meanError(IntStream.of(batch.negatives()).distinct().toArray(), false, emb, w, pi, bias);
            assertThat(DistillFixtures.run(d, batch, emb, 3, null)).isCloseTo(0.4 * (users + (pos + neg) / 2),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    private double meanError(int[] ids, boolean user, Embeddings emb, float[] w, dev.unkd.distill.nn.Linear layer, boolean bias) {
        double sum = 0;
        for (int id : ids) {
            float[] s = user ? emb.users().row(id) : emb.items().row(id);
            float[] t = user ? teacher.users().row(id) : teacher.items().row(id);
            for (int j = 0; j < t.length; j++) {
                double y = bias ? w[layer.biasOffset(j)] : 0;
                for (int x = 0; x < s.length; x++) {
                    y += s[x] * w[layer.weightOffset(x, j)];
                }
                sum += (t[j] - y) * (t[j] - y);
            }
        }
        return sum / ids.length;
    }

    @Test
    void fitnetRefusesWhatItCannotProject() {
        Dataset data = new Dataset("synthetic", IdMap.range(USERS), IdMap.range(ITEMS), train, Interactions.empty(USERS, ITEMS),
                Interactions.empty(USERS, ITEMS));
        Teacher scoresOnly = new Teacher("score file s.tsv", teacher.scorer(), Optional.empty());
        assertThatThrownBy(() -> FitNetConfig.defaults().objectives(scoresOnly, data, ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fitnet needs the teacher's user and item embeddings").hasMessageContaining("has scores only");
        FeatureDistillation d = new FeatureDistillation(FitNetConfig.defaults(), train, teacher);
        d.startEpoch(epoch(1));
        Embeddings wider = DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM + 1, 1, 3);
        assertThatThrownBy(() -> d.beforeBatch(batch, wider)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fitnet: student embeddings have dimension 5, the projectors map 4 -> 6");
        Embeddings fewerItems = DistillFixtures.randomEmbeddings(USERS, ITEMS - 1, 6, 1, 3);
        assertThatThrownBy(() -> new FeatureDistillation(FitNetConfig.defaults(), train, fewerItems))
                .hasMessageContaining("teacher embeddings are 12 users x 39 items, data has 12 x 40");
        assertThatThrownBy(() -> FitNetConfig.defaults().withKdWeight(-1)).hasMessageContaining("FitNet weight");
    }

    @Test
    void dcdRanksAreTheStudentsAndDrawsAreDistinctListEntries() {
        // epsilon 0.1: ranks are capped at 10 + 2, below the 40 items, so the cap is exercised too
        for (double epsilon : new double[] {10, 0.1}) {
        DcdConfig config = new DcdConfig(10, 4, epsilon, 1e-5, 1, true, 1);
        DualCorrectionDistillation d = DualCorrectionDistillation.prepare(config, teacher.scorer(), Optional.of(teacher), train, ONE);
        EpochContext context = epoch(1);
        d.startEpoch(context);
        Embeddings s = context.model().forward();
        for (CorrectionSide side : new CorrectionSide[] {d.userSide(), d.itemSide().orElseThrow()}) {
            boolean userSide = side == d.userSide();
            int cols = userSide ? ITEMS : USERS;
            for (int row = 0; row < side.rows(); row++) {
                int[] list = side.top().list(row, 0);
                for (int r = 0; r < list.length; r++) {
                    float x = userSide ? s.score(row, list[r]) : s.score(list[r], row);
                    int higher = 0;
                    for (int c = 0; c < cols; c++) {
                        boolean seen = userSide ? train.contains(row, c) : train.contains(c, row);
                        float v = userSide ? s.score(row, c) : s.score(c, row);
                        if (!seen && v > x) {
                            higher++;
                        }
                    }
                    assertThat(side.studentRank(row, r)).as("side %s row %d rank %d", userSide, row, r)
                            .isEqualTo(Math.min(higher, CorrectionSide.rankCap(10, epsilon)));
                }
                int rowId = row;
                int[] under = IntStream.range(0, side.count(row)).map(j -> side.under(rowId, j)).toArray();
                int[] over = IntStream.range(0, side.count(row)).map(j -> side.over(rowId, j)).toArray();
                assertThat(under).hasSize(Math.min(4, list.length)).doesNotHaveDuplicates();
                assertThat(over).doesNotHaveDuplicates();
                int[] positions = IntStream.of(under).map(i -> IntStream.range(0, list.length).filter(r -> list[r] == i).findFirst()
                        .orElseThrow()).toArray();
                assertThat(positions).isSorted(); // in the teacher's order
            }
        }
        }
    }

    @Test
    void dcdDrawsAreThoseOfAllExponentialKeys() {
        // the draw skips the logarithms of floor-weight entries that cannot be drawn: compare with every key computed
        for (int k : new int[] {2, 4, 8}) {
            DcdConfig config = new DcdConfig(10, k, 3, 1e-5, 1, true, 1);
            DualCorrectionDistillation d = DualCorrectionDistillation.prepare(config, teacher.scorer(), Optional.of(teacher), train, ONE);
            d.startEpoch(epoch(1));
            for (CorrectionSide side : new CorrectionSide[] {d.userSide(), d.itemSide().orElseThrow()}) {
                side.draw(777, ONE);
                for (int row = 0; row < side.rows(); row++) {
                    int[] list = side.top().list(row, 0);
                    SplittableRandom rng = new SplittableRandom(dev.unkd.parallel.Seeds.derive(777, row));
                    double[] underKey = new double[list.length];
                    double[] overKey = new double[list.length];
                    for (int r = 0; r < list.length; r++) {
                        double disc = side.studentRank(row, r) - r;
                        underKey[r] = Math.log(1 - rng.nextDouble()) / Math.max(Math.tanh(Math.max(disc / 3, 0)), 1e-5);
                        overKey[r] = Math.log(1 - rng.nextDouble()) / Math.max(Math.tanh(Math.max(-disc / 3, 0)), 1e-5);
                    }
                    int want = Math.min(k, list.length);
                    int rowId = row;
                    assertThat(IntStream.range(0, side.count(row)).map(j -> side.under(rowId, j)).toArray())
                            .containsExactly(largestInListOrder(underKey, want, list));
                    assertThat(IntStream.range(0, side.count(row)).map(j -> side.over(rowId, j)).toArray())
                            .containsExactly(largestInListOrder(overKey, want, list));
                }
            }
        }
    }

    /** The list entries of the want largest keys (ties: the earlier entry), in list order. */
    private static int[] largestInListOrder(double[] key, int want, int[] list) {
        return IntStream.range(0, key.length).boxed()
                .sorted((a, b) -> key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(a, b)).limit(want)
                .mapToInt(Integer::intValue).sorted().map(r -> list[r]).toArray();
    }

    @Test
    void dcdDrawsFollowTheDiscrepancy() {
        // a student that reverses the teacher: its last-listed items are underestimated the least
        DcdConfig config = DcdConfig.defaults().withSampling(10, 1).withItemSide(false);
        DualCorrectionDistillation d = DualCorrectionDistillation.prepare(config, teacher.scorer(), Optional.of(teacher), train, ONE);
        int firstPicked = 0;
        int draws = 200;
        for (int e = 1; e <= draws; e++) {
            d.startEpoch(new EpochContext(e, MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1)), 99, ONE));
            CorrectionSide side = d.userSide();
            // the most underestimated listed item of user 0
            int best = 0;
            for (int r = 1; r < side.top().length(0, 0); r++) {
                if (side.studentRank(0, r) - r > side.studentRank(0, best) - best) {
                    best = r;
                }
            }
            firstPicked += side.under(0, 0) == side.top().item(0, 0, best) ? 1 : 0;
        }
        assertThat(firstPicked).isGreaterThan(draws / 10);
    }

    @Test
    void dcdGradientsBothSides() {
        for (boolean itemSide : new boolean[] {true, false}) {
            DcdConfig config = DcdConfig.defaults().withSampling(10, 4).withKdWeight(0.6).withItemSide(itemSide);
            DualCorrectionDistillation d = DualCorrectionDistillation.prepare(config, teacher.scorer(), Optional.of(teacher), train, ONE);
            d.startEpoch(epoch(1));
            assertThat(DistillFixtures.gradientError(d, batch, student(1), userRows, itemRows, 1e-3, 2e-3, 1e-6)).as("item side " + itemSide)
                    .isLessThanOrEqualTo(0);
        }
        assertThatThrownBy(() -> DcdConfig.defaults().withSampling(10, 11)).hasMessageContaining("DCD samples per list");
        assertThatThrownBy(() -> DcdConfig.defaults().withRefreshEvery(0)).hasMessageContaining("refresh period");
    }
}
