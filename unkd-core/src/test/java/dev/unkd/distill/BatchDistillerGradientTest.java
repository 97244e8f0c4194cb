package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Interactions;
import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.distill.nn.TrainableParameters;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of DE-RRD and HTD: the gradients of their batch terms w.r.t. the
 * student's embeddings and w.r.t. their own networks' parameters (Gumbel noise fixed by the seed,
 * HTD's group assignment and prototypes held fixed as the code's no_grad does).
 */
class BatchDistillerGradientTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);
    private static final int USERS = 12;
    private static final int ITEMS = 40;
    private static final int DIM = 4;

    private final Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 6, 21);
    private final Embeddings teacher = DistillFixtures.randomEmbeddings(USERS, ITEMS, 6, 1.0, 22);
    private final Batch batch = DistillFixtures.batch(new int[] {0, 3, 3, 5, 7, 0, 11}, ITEMS, 5);
    private final int[] userRows = {0, 3, 5, 7, 11, 1};
    private final int[] itemRows = IntStream.range(0, ITEMS).toArray();

    private static EpochContext epoch(int e) {
        return new EpochContext(e, MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(1)), 99, ONE);
    }

    private static Embeddings student(double scale) {
        return DistillFixtures.randomEmbeddings(USERS, ITEMS, DIM, scale, 31);
    }

    /**
     * Central differences over every parameter of the distiller's own network; coordinates where
     * the loss has a kink within the step (a ReLU switching) are skipped. Returns {worst violation,
     * skipped, checked}.
     */
    static double[] parameterCheck(Distiller d, TrainableParameters params, Embeddings emb, Batch batch, double h, double rel,
            double abs) {
        DistillFixtures.run(d, batch, emb, 3, null);
        float[] analytic = params.gradient().clone();
        float[] w = params.values();
        double worst = 0;
        int skipped = 0;
        for (int k = 0; k < w.length; k++) {
            double numeric = central(d, params, emb, batch, k, h);
            double half = central(d, params, emb, batch, k, h / 2);
            if (Math.abs(half - numeric) > rel * Math.max(Math.abs(half), Math.abs(numeric)) + abs) {
                skipped++;
                continue;
            }
            double a = analytic[k];
            double excess = Math.abs(a - numeric) - (rel * Math.max(Math.abs(a), Math.abs(numeric)) + abs);
            if (excess > 0 && System.getenv("GRADIENT_DEBUG") != null) {
                System.out.printf("param %d analytic %.8g numeric %.8g half %.8g 1e-3 %.8g 3e-4 %.8g%n", k, a, numeric, half,
                        central(d, params, emb, batch, k, 1e-3), central(d, params, emb, batch, k, 3e-4));
            }
            worst = Math.max(worst, excess);
        }
        return new double[] {worst, skipped, w.length};
    }

    private static double central(Distiller d, TrainableParameters params, Embeddings emb, Batch batch, int k, double h) {
        float[] w = params.values();
        float saved = w[k];
        float up = (float) (saved + h);
        float down = (float) (saved - h);
        w[k] = up;
        double plus = DistillFixtures.run(d, batch, emb, 3, null);
        w[k] = down;
        double minus = DistillFixtures.run(d, batch, emb, 3, null);
        w[k] = saved;
        return (plus - minus) / ((double) up - down);
    }

    @Test
    void deRrdStudentAndExpertGradients() {
        for (DeEntities entities : DeEntities.values()) {
            for (ExpertActivation activation : ExpertActivation.values()) {
                for (boolean sigmoid : new boolean[] {true, false}) {
                    DeRrdConfig config = DeRrdConfig.defaults().withSampling(10, 4, 5).withExperts(3, 2.0, activation).withDeWeight(0.3)
                            .withKdWeight(0.7).withDeEntities(entities).withSigmoidScores(sigmoid);
                    DeRrdDistillation d = DeRrdDistillation.prepare(config, teacher.scorer(), teacher, train, ONE);
                    d.startEpoch(epoch(1));
                    String what = entities + " " + activation + " sigmoid " + sigmoid;
                    double[] check = DistillFixtures.gradientCheck(d, batch, student(0.8), userRows, itemRows, 1e-3, 3e-3, 1e-5, true);
                    assertThat(check[0]).as(what + " student").isLessThanOrEqualTo(0);
                    assertThat(check[1]).as(what + " student coordinates at kinks").isLessThan(0.05 * check[2]);
                    double[] params = parameterCheck(d, d.parameters().orElseThrow(), student(0.8), batch, 1e-3, 3e-3, 1e-4);
                    assertThat(params[0]).as(what + " parameters").isLessThanOrEqualTo(0);
                    assertThat(params[1]).as(what + " parameters at kinks").isLessThan(0.05 * params[2]);
                }
            }
        }
    }

    @Test
    void deRrdWithoutDeIsRrdAlone() {
        DeRrdConfig config = DeRrdConfig.defaults().withSampling(10, 4, 5).withDeWeight(0);
        DeRrdDistillation d = DeRrdDistillation.prepare(config, teacher.scorer(), teacher, train, ONE);
        d.startEpoch(epoch(1));
        assertThat(d.parameters()).isEmpty();
        double worst = DistillFixtures.gradientError(d, batch, student(1), userRows, itemRows, 1e-3, 2e-3, 1e-6);
        assertThat(worst).isLessThanOrEqualTo(0);
        // the loss is kdWeight times the mean over batch rows of the relaxed ranking loss on sigmoid scores
        RrdSamples s = d.samples().orElseThrow();
        Embeddings emb = student(1);
        double expected = 0;
        for (int b = 0; b < batch.size(); b++) {
            int u = batch.users()[b];
            double[] x = new double[s.interestingCount(u)];
            double[] y = new double[s.uninterestingCount(u)];
            for (int j = 0; j < x.length; j++) {
                x[j] = 1 / (1 + Math.exp(-emb.score(u, s.interesting(u, j))));
            }
            for (int j = 0; j < y.length; j++) {
                y[j] = 1 / (1 + Math.exp(-emb.score(u, s.uninteresting(u, j))));
            }
            double tail = 0;
            for (double v : y) {
                tail += Math.exp(v);
            }
            for (int k = 0; k < x.length; k++) {
                double below = tail;
                for (int j = k; j < x.length; j++) {
                    below += Math.exp(x[j]);
                }
                expected -= x[k] - Math.log(below);
            }
        }
        assertThat(DistillFixtures.run(d, batch, emb, 2, null)).isCloseTo(config.kdWeight() * expected / batch.size(), org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void htdStudentAndNetworkGradients() {
        for (PrototypeRelations relations : PrototypeRelations.values()) {
            for (double alpha : new double[] {0.4, 1.0, 0.0}) {
                HtdConfig config = HtdConfig.defaults().withGroups(3).withAlpha(alpha).withKdWeight(0.5).withGateTemperature(2)
                        .withExpertCutoff(0).withPrototypeRelations(relations);
                HierarchicalTopologyDistillation d = new HierarchicalTopologyDistillation(config, train, teacher);
                d.startEpoch(epoch(1));
                Embeddings emb = student(0.8);
                DistillFixtures.run(d, batch, emb, 3, null);
                d.freezeGroups(true); // groups and prototypes are constants of the gradient, as in the code
                String what = relations + " alpha " + alpha;
                double[] check = DistillFixtures.gradientCheck(d, batch, emb, userRows, itemRows, 1e-3, 3e-3, 1e-5, true);
                assertThat(check[0]).as(what + " student").isLessThanOrEqualTo(0);
                assertThat(check[1]).as(what + " student coordinates at kinks").isLessThan(0.05 * check[2]);
                double[] params = parameterCheck(d, d.parameters().orElseThrow(), emb, batch, 1e-3, 3e-3, 1e-4);
                assertThat(params[0]).as(what + " parameters").isLessThanOrEqualTo(0);
                assertThat(params[1]).as(what + " parameters at kinks").isLessThan(0.05 * params[2]);
            }
        }
    }

    @Test
    void htdTopologyTermMatchesADirectEvaluation() {
        HtdConfig config = HtdConfig.defaults().withGroups(3).withAlpha(1.0).withKdWeight(1.0);
        for (PrototypeRelations relations : PrototypeRelations.values()) {
            HierarchicalTopologyDistillation d = new HierarchicalTopologyDistillation(config.withPrototypeRelations(relations), train, teacher);
            d.startEpoch(epoch(1));
            Embeddings emb = student(1);
            double loss = DistillFixtures.run(d, batch, emb, 3, null);
            // recompute: distinct users / items, groups by the gate's argmax, cosine matrices
            int[] users = IntStream.of(batch.users()).limit(batch.size()).distinct().sorted().toArray();
            int[] items = IntStream.concat(IntStream.of(batch.positives()).limit(batch.size()),
                    IntStream.of(batch.negatives()).limit(batch.size())).distinct().sorted().toArray();
            int n = users.length + items.length;
            float[][] s = new float[n][];
            float[][] t = new float[n][];
            int[] group = new int[n];
            int[] sizes = d.groupSizes();
            for (int k = 0; k < n; k++) {
                boolean user = k < users.length;
                int id = user ? users[k] : items[k - users.length];
                s[k] = user ? emb.users().row(id) : emb.items().row(id);
                t[k] = user ? teacher.users().row(id) : teacher.items().row(id);
            }
            group = groupsOf(d, users, items);
            int[] counted = new int[sizes.length];
            for (int g : group) {
                counted[g]++;
            }
            assertThat(counted).isEqualTo(sizes);
            double expected = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (group[a] == group[b] && cos(t[a], t[b]) > 0) {
                        expected += Math.pow(cos(s[a], s[b]) - cos(t[a], t[b]), 2);
                    }
                }
            }
            for (int g = 0; g < sizes.length; g++) {
                if (sizes[g] == 0) {
                    continue;
                }
                double[] ps = new double[DIM];
                double[] pt = new double[teacher.dim()];
                for (int k = 0; k < n; k++) {
                    if (group[k] == g) {
                        for (int x = 0; x < DIM; x++) {
                            ps[x] += s[k][x];
                        }
                        for (int x = 0; x < pt.length; x++) {
                            pt[x] += t[k][x];
                        }
                    }
                }
                for (int e = 0; e < n; e++) {
                    if (relations == PrototypeRelations.OTHER_GROUPS && group[e] == g) {
                        continue;
                    }
                    expected += Math.pow(cos(ps, s[e]) - cos(pt, t[e]), 2);
                }
            }
            assertThat(loss).as("%s", relations).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4 * expected));
        }
    }

    /** Groups by the argmax of the gates' outputs on the teacher embeddings (items offset by K). */
    private int[] groupsOf(HierarchicalTopologyDistillation d, int[] users, int[] items) {
        int k = d.config().groups();
        float[] w = d.parameters().orElseThrow().values();
        int[] group = new int[users.length + items.length];
        for (int e = 0; e < group.length; e++) {
            boolean user = e < users.length;
            var gate = (user ? d.userGroups() : d.itemGroups()).orElseThrow().selection();
            float[] t = user ? teacher.users().row(users[e]) : teacher.items().row(items[e - users.length]);
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < k; g++) {
                double v = w[gate.biasOffset(g)];
                for (int x = 0; x < t.length; x++) {
                    v += t[x] * w[gate.weightOffset(x, g)];
                }
                if (v > bestValue) {
                    bestValue = v;
                    best = g;
                }
            }
            group[e] = user ? best : k + best;
        }
        return group;
    }

    private static double cos(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int x = 0; x < a.length; x++) {
            ab += a[x] * b[x];
            aa += a[x] * a[x];
            bb += b[x] * b[x];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double cos(double[] a, float[] b) {
        float[] f = new float[a.length];
        for (int x = 0; x < a.length; x++) {
            f[x] = (float) a[x];
        }
        return cos(f, b);
    }
}
