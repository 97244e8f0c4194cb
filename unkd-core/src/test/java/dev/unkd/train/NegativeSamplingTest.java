package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.data.Interactions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BPR's negatives: uniform, proportional to popularity, or a mixture; never a training item of the user. */
class NegativeSamplingTest {
    /**
     * 10 items; users 1..6 hold item 0, users 1..3 item 1, user 1 item 2 (so popularities 6, 3, 1, 0...);
     * user 0 holds nothing, user 7 holds items 0..2, every item with interactions.
     */
    private static Interactions data() {
        int[] users = {1, 2, 3, 4, 5, 6, 1, 2, 3, 1, 7, 7, 7};
        int[] items = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 0, 1, 2};
        return Interactions.of(8, 10, users, items);
    }

    private static double[] frequencies(NegativeSampling s, int user, int draws) {
        Interactions train = data();
        SplittableRandom rng = new SplittableRandom(7);
        double[] f = new double[train.numItems()];
        for (int d = 0; d < draws; d++) {
            int j = s.draw(train, train.userItemArray(), user, rng);
            assertThat(train.contains(user, j)).as("item %d is a training item of user %d", j, user).isFalse();
            f[j] += 1.0 / draws;
        }
        return f;
    }

    @Test
    void popularityDrawsFollowTheTrainingPopularity() {
        // item 0 has 7 of the 13 interactions, item 1 four, item 2 two; user 0 holds none of them
        double[] f = frequencies(NegativeSampling.POPULARITY, 0, 200_000);
        assertThat(f[0]).isCloseTo(7 / 13.0, within(0.005));
        assertThat(f[1]).isCloseTo(4 / 13.0, within(0.005));
        assertThat(f[2]).isCloseTo(2 / 13.0, within(0.005));
        for (int j = 3; j < 10; j++) {
            assertThat(f[j]).isZero();
        }
    }

    @Test
    void aMixtureAddsUniformDraws() {
        double[] f = frequencies(new NegativeSampling(0.5), 0, 200_000);
        assertThat(f[0]).isCloseTo(0.5 * 7 / 13.0 + 0.05, within(0.005));
        assertThat(f[9]).isCloseTo(0.05, within(0.003));
    }

    @Test
    void uniformDrawsCoverTheCatalogue() {
        double[] f = frequencies(NegativeSampling.UNIFORM, 0, 100_000);
        for (double v : f) {
            assertThat(v).isCloseTo(0.1, within(0.005));
        }
    }

    @Test
    void theUserItemsAreRedrawn() {
        // user 1 holds items 0, 1 and 2: its popularity draws are all rejected and end in uniform draws over the rest
        double[] f = frequencies(NegativeSampling.POPULARITY, 1, 20_000);
        assertThat(f[0] + f[1] + f[2]).isZero();
        assertThat(f[3]).isCloseTo(1 / 7.0, within(0.02));
    }

    @Test
    void uniformDrawsAreTheEarlierOnes() {
        // the uniform sampler draws exactly as every earlier version: rejection over rng.nextInt(numItems)
        Interactions train = data();
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        for (int d = 0; d < 1000; d++) {
            int j;
            do {
                j = b.nextInt(10);
            } while (train.contains(4, j));
            assertThat(NegativeSampling.UNIFORM.draw(train, train.userItemArray(), 4, a)).isEqualTo(j);
        }
    }

    @Test
    void labelsRoundTrip() {
        for (String label : new String[] {"uniform", "popularity", "popularity:0.25"}) {
            assertThat(NegativeSampling.parse(label).label()).isEqualTo(label);
        }
        assertThat(NegativeSampling.parse("popularity:0").isUniform()).isTrue();
        assertThat(NegativeSampling.parse("popularity:1")).isEqualTo(NegativeSampling.POPULARITY);
    }

    @Test
    void badLabelsNameTheForms() {
        for (String bad : new String[] {"popular", "popularity:", "popularity:1.5", "popularity:-0.1", "popularity:NaN", "popularity:0.5d", "popularity: 0.5"}) {
            assertThatThrownBy(() -> NegativeSampling.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid negative sampling: '" + bad + "' (expected uniform, popularity or popularity:SHARE with SHARE in [0, 1])");
        }
        assertThatThrownBy(() -> new NegativeSampling(2)).hasMessageContaining("popularity share 2.0");
    }

    @Test
    void theTrainingConfigCarriesTheSampling() {
        TrainingConfig d = TrainingConfig.defaults();
        assertThat(d.negatives()).isEqualTo(NegativeSampling.UNIFORM);
        assertThat(d.withNegatives(NegativeSampling.POPULARITY).withSeed(5).negatives()).isEqualTo(NegativeSampling.POPULARITY);
    }
}
