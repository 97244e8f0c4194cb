package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialRankLawTest {
    @Test
    void probabilitiesFollowExpMinusRankOverMuAndSumToOne() {
        ExponentialRankLaw law = new ExponentialRankLaw(20);
        double sum = 0;
        for (int r = 0; r < 1000; r++) {
            sum += law.probability(r, 1000);
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        // the ratio of consecutive ranks is exp(-1/mu)
        assertThat(law.probability(5, 1000) / law.probability(4, 1000)).isCloseTo(Math.exp(-1 / 20.0),
                org.assertj.core.data.Offset.offset(1e-12));
        double ties = 0;
        for (int r = 0; r < 7; r++) {
            ties += law.probability(r, 7) * law.probability(r, 7);
        }
        assertThat(law.tieProbability(7)).isCloseTo(ties, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void singleDrawsMatchTheLaw() {
        for (int len : new int[] {2, 7, 1000}) {
            for (double mu : new double[] {1.5, 20, 60000}) {
                ExponentialRankLaw law = new ExponentialRankLaw(mu);
                SplittableRandom rng = new SplittableRandom(2022);
                long[] counts = new long[len];
                for (int t = 0; t < 200_000; t++) {
                    counts[law.draw(len, rng)]++;
                }
                double[] p = new double[len];
                for (int r = 0; r < len; r++) {
                    p[r] = law.probability(r, len);
                }
                double[] chi = ChiSquare.statistic(counts, p);
                assertThat(chi[0]).as("len %d mu %s", len, mu).isLessThan(ChiSquare.critical(Math.max(1, chi[1])));
            }
        }
    }

    @Test
    void oneItemListsAlwaysGiveRankZeroAndEmptyListsAreRejected() {
        ExponentialRankLaw law = new ExponentialRankLaw(20);
        assertThat(law.draw(1, new SplittableRandom(1))).isZero();
        assertThatThrownBy(() -> law.draw(0, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialRankLaw(0)).hasMessageContaining("temperature");
    }
}
