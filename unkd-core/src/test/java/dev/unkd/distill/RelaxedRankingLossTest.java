package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** RRD's list-wise loss against a direct evaluation of its formula, and its gradient. */
class RelaxedRankingLossTest {
    /** -[sum_k x_k - sum_k log(sum_{j >= k} e^{x_j} + sum_l e^{y_l})], term by term. */
    private static double direct(double[] x, double[] y) {
        double tail = 0;
        for (double v : y) {
            tail += Math.exp(v);
        }
        double loss = 0;
        for (int k = 0; k < x.length; k++) {
            double below = tail;
            for (int j = k; j < x.length; j++) {
                below += Math.exp(x[j]);
            }
            loss -= x[k] - Math.log(below);
        }
        return loss;
    }

    @Test
    void matchesTheFormulaOnHandMadeScores() {
        double[][][] cases = {
            {{0.9, 0.7, 0.2}, {0.1, 0.3}},
            {{0.5}, {}},
            {{0.1, 0.2, 0.3, 0.4}, {0.9, 0.9, 0.8}},
            {{40, -3, 12}, {35, 50}}, // raw scores: must not overflow
        };
        RelaxedRankingLoss.Scratch scratch = new RelaxedRankingLoss.Scratch();
        for (double[][] c : cases) {
            double value = RelaxedRankingLoss.lossAndGradient((c[0]), c[0].length, (c[1]), c[1].length, null, null, scratch);
            assertThat(value).as("case %s", (Object) c).isCloseTo(direct(c[0], c[1]), within(1e-9 * Math.abs(direct(c[0], c[1])) + 1e-5));
        }
        // a single interesting item and nothing else: log(e^x) - x = 0
        assertThat(RelaxedRankingLoss.lossAndGradient(new double[] {0.3}, 1, new double[0], 0, null, null, scratch)).isCloseTo(0, within(1e-7));
        // two interesting items, no uninteresting: -x1 - x2 + log(e^x1 + e^x2) + log(e^x2) = log(1 + e^(x2 - x1))
        assertThat(RelaxedRankingLoss.lossAndGradient(new double[] {1, 0}, 2, new double[0], 0, null, null, scratch))
                .isCloseTo(Math.log(1 + Math.exp(-1)), within(1e-7));
        assertThatThrownBy(() -> RelaxedRankingLoss.lossAndGradient(new double[0], 0, new double[0], 0, null, null, scratch))
                .hasMessageContaining("at least one interesting item");
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] x = {0.9, 0.4, 0.6, 0.1};
        double[] y = {0.3, 0.8, 0.05};
        float[] dx = new float[4];
        float[] dy = new float[3];
        RelaxedRankingLoss.lossAndGradient((x), 4, (y), 3, dx, dy, new RelaxedRankingLoss.Scratch());
        double h = 1e-6;
        for (int k = 0; k < x.length; k++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[k] += h;
            down[k] -= h;
            assertThat((double) dx[k]).as("dx %d", k).isCloseTo((direct(up, y) - direct(down, y)) / (2 * h), within(1e-5));
        }
        for (int l = 0; l < y.length; l++) {
            double[] up = y.clone();
            double[] down = y.clone();
            up[l] += h;
            down[l] -= h;
            assertThat((double) dy[l]).as("dy %d", l).isCloseTo((direct(x, up) - direct(x, down)) / (2 * h), within(1e-5));
        }
        // pushing an uninteresting item up, or the last interesting item down, increases the loss
        for (float g : dy) {
            assertThat(g).isPositive();
        }
        assertThat(dx[0]).isNegative();
    }
}
