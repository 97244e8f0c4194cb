package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    private static InteractionLog defaultLog;
    private static Dataset defaultDataset;

    @BeforeAll
    static void generateDefault() {
        defaultLog = SyntheticData.defaultLog();
        defaultDataset = SyntheticData.defaultDataset();
    }

    @Test
    void defaultSizeAndShape() {
        assertThat(defaultLog.numUsers()).isEqualTo(3000);
        assertThat(defaultLog.numItems()).isBetween(5500, 6000);
        assertThat(defaultLog.size()).isBetween(90_000, 110_000);
        assertThat(Arrays.stream(defaultLog.userCounts()).min().getAsInt()).isGreaterThanOrEqualTo(5);
        assertThat(defaultLog.dedupe()).isSameAs(defaultLog);
        assertThat(defaultLog.hasTimestamps()).isTrue();
        assertThat(defaultLog.users().id(0)).isEqualTo("u0");
        assertThat(defaultLog.items().id(0)).startsWith("i");
        double gini = Gini.of(defaultLog.itemCounts());
        assertThat(gini).as("popularity Gini").isBetween(0.45, 0.7);
    }

    @Test
    void deterministicBySeed() {
        SyntheticData.Options small = SyntheticData.Options.defaults().withSize(200, 400);
        InteractionLog a = SyntheticData.generate(small);
        InteractionLog b = SyntheticData.generate(small);
        assertThat(a.toInteractions()).isEqualTo(b.toInteractions());
        assertThat(a.items()).isEqualTo(b.items());
        for (int k = 0; k < a.size(); k++) {
            assertThat(a.timestamp(k)).isEqualTo(b.timestamp(k));
        }
        assertThat(SyntheticData.generate(small.withSeed(7)).toInteractions()).isNotEqualTo(a.toInteractions());
    }

    @Test
    void defaultDatasetIsThePaperSplitOfTheDefaultLog() {
        Dataset d = defaultDataset;
        assertThat(d.name()).isEqualTo("synthetic");
        assertThat(d.numUsers()).isEqualTo(3000);
        assertThat(d.valid().activeUsers()).isEqualTo(600);
        assertThat(d.test().activeUsers()).isEqualTo(2400);
        assertThat(d.train().size() + d.valid().size() + d.test().size()).isEqualTo(defaultLog.size());
        assertThat(d.train()).isEqualTo(PaperSplitter.CITEULIKE.split(defaultLog, 2022).train());
    }

    /**
     * The planted preferences are learnable: an item co-occurrence recommender (scores divided by
     * sqrt(popularity)) clearly beats most-popular, which itself gets a modest recall.
     */
    @Test
    void preferencesAreLearnableBeyondPopularity() {
        Dataset d = defaultDataset;
        Interactions train = d.train();
        Interactions test = d.test();
        int[] pop = train.itemPopularity();
        float[] popularity = new float[pop.length];
        for (int i = 0; i < pop.length; i++) {
            popularity[i] = pop[i];
        }
        double mostPopular = 0;
        double cooccurrence = 0;
        int users = 0;
        float[] s = new float[d.numItems()];
        for (int u = 0; u < d.numUsers() && users < 300; u++) {
            if (test.userDegree(u) == 0) {
                continue;
            }
            users++;
            Arrays.fill(s, 0);
            for (int k = train.userStart(u); k < train.userEnd(u); k++) {
                int i = train.userItemArray()[k];
                for (int q = train.itemStart(i); q < train.itemEnd(i); q++) {
                    int v = train.itemUserArray()[q];
                    for (int r = train.userStart(v); v != u && r < train.userEnd(v); r++) {
                        s[train.userItemArray()[r]]++;
                    }
                }
            }
            for (int j = 0; j < s.length; j++) {
                s[j] = pop[j] == 0 ? 0 : (float) (s[j] / Math.sqrt(pop[j]));
            }
            cooccurrence += recallAt20(train, test, u, s);
            mostPopular += recallAt20(train, test, u, popularity.clone());
        }
        mostPopular /= users;
        cooccurrence /= users;
        System.out.printf("synthetic recall@20 on %d test users: most popular %.4f, item co-occurrence %.4f%n", users, mostPopular,
                cooccurrence);
        assertThat(mostPopular).isBetween(0.03, 0.15);
        assertThat(cooccurrence).isGreaterThan(1.5 * mostPopular);
    }

    private static double recallAt20(Interactions train, Interactions test, int u, float[] scores) {
        for (int k = train.userStart(u); k < train.userEnd(u); k++) {
            scores[train.userItemArray()[k]] = Float.NEGATIVE_INFINITY;
        }
        int hits = 0;
        for (int n = 0; n < 20; n++) { // 20 rounds of arg-max: cheap enough for a test
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            if (test.contains(u, best)) {
                hits++;
            }
            scores[best] = Float.NEGATIVE_INFINITY;
        }
        return (double) hits / test.userDegree(u);
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThatThrownBy(() -> SyntheticData.Options.defaults().withSize(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid number of users: 0");
        assertThatThrownBy(() -> new SyntheticData.Options(10, 10, 0, 1, 1, 8, 5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid preference rank: 0");
        assertThatThrownBy(() -> new SyntheticData.Options(10, 10, 2, 1, 1, 5, 5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid mean items per user: 5.0 (must exceed the minimum 5)");
        assertThatThrownBy(() -> new SyntheticData.Options(10, 4, 2, 1, 1, 8, 5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid minimum items per user: 5");
    }
}
