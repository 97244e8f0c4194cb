package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unkd.eval.MetricName;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers of the paired tests: Wilcoxon, bootstrap, Holm, pairing within seeds, and the per-user file round trip. */
class PairedDifferenceTest {
    @TempDir
    Path dir;

    @Test
    void wilcoxonOfEightPositiveDifferencesIsTwoOver256() {
        // every sign positive: exact two-sided p = 2 / 2^8; zero differences are dropped first
        assertThat(PairedDifference.wilcoxon(new double[] {0.5, 0.6, 0.1, 0.9, 0.2, 0.8, 0.3, 0.4, 0, 0})).isEqualTo(2.0 / 256);
        assertThat(PairedDifference.wilcoxon(new double[] {0, 0, 0})).isEqualTo(1.0);
        // above 30 non-zero differences: the normal approximation, still small for a clear shift
        double[] shifted = new SplittableRandom(1).doubles(200).map(x -> x - 0.3).toArray();
        assertThat(PairedDifference.wilcoxon(shifted)).isLessThan(1e-6);
    }

    @Test
    void bootstrapIsDeterministicAndCoversTheMean() {
        double[] d = new SplittableRandom(3).doubles(500).map(x -> x - 0.4).toArray();
        PairedDifference a = PairedDifference.of(d, 1);
        assertThat(PairedDifference.of(d, 1)).isEqualTo(a);
        assertThat(a.mean()).isBetween(a.low(), a.high());
        // the CI of a mean of 500 U(-0.4, 0.6) draws is about +-1.96 * 0.289 / sqrt(500) = +-0.025 wide
        assertThat(a.high() - a.low()).isCloseTo(2 * 1.96 * Math.sqrt(1.0 / 12 / 500), within(0.006));
        PairedDifference constant = PairedDifference.of(new double[] {0.25, 0.25, 0.25}, 1);
        assertThat(constant.low()).isEqualTo(0.25);
        assertThat(constant.high()).isEqualTo(0.25);
        assertThat(PairedDifference.of(new double[0], 0).isPresent()).isFalse();
    }

    @Test
    void holmStepDown() {
        // sorted 0.01 x 4, 0.03 x 3, 0.04 x 2 (kept monotone at 0.09), 0.5 x 1
        assertThat(PairedDifference.holm(new double[] {0.01, 0.04, 0.03, 0.5, Double.NaN}))
                .containsExactly(new double[] {0.04, 0.09, 0.09, 0.5, Double.NaN}, within(1e-15));
    }

    @Test
    void usersArePairedWithinASeedAndAveragedOverSeeds() {
        Map<String, UserValues> values = new LinkedHashMap<>();
        values.put("a1", values(new int[] {0, 1, 2}, 1, 0.5, Double.NaN));
        values.put("b1", values(new int[] {0, 1, 3}, 0.5, 0.5, 1));
        values.put("a2", values(new int[] {0, 1}, 0, 1));
        values.put("b2", values(new int[] {0, 1}, 0.5, 0));
        ArmResult a = arm(run("a1", 1), run("a2", 2));
        ArmResult b = arm(run("b2", 2), run("b1", 1));
        // seed 1: u0 +0.5, u1 0 (u2 undefined, u3 only in b); seed 2: u0 -0.5, u1 +1 -> per user 0 and 0.5
        PairedDifference d = SignificanceTable.compare(a, b, MetricName.RECALL.at(20), values);
        assertThat(d.users()).isEqualTo(2);
        assertThat(d.seeds()).isEqualTo(2);
        assertThat(d.mean()).isEqualTo(0.25);
    }

    @Test
    void perUserFileRoundTrips() {
        UserValues v = new UserValues(new int[] {3, 7}, Map.of("recall@20", new double[] {0.5, Double.NaN}));
        Path file = UserValues.file(dir.resolve("runs"), "key");
        try {
            v.write(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(UserValues.read(file)).contains(v);
        assertThat(UserValues.read(dir.resolve("absent.gz"))).isEmpty();
    }

    private static UserValues values(int[] users, double... recall) {
        return new UserValues(users, Map.of("recall@20", recall));
    }

    private static RunResult run(String key, long seed) {
        return new RunResult(key, "d", "s", "mf-4", "t", "mf-12", "none", key, Map.of(), seed, Metrics.EMPTY, Metrics.EMPTY, 0, 0, 0, List.of());
    }

    private static ArmResult arm(RunResult... finals) {
        return new ArmResult("d", "s", null, List.of(), Optional.empty(), List.of(finals));
    }
}
