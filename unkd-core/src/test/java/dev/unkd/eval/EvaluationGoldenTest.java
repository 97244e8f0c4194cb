package dev.unkd.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.MostPopular;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins every metric name, its order and its exact value (Double.toString round-trips the bits)
 * for several protocols, as recorded from the evaluator before metrics became types. Run with
 * {@code -Dunkd.writeGolden=true} to re-record after an intended change.
 */
class EvaluationGoldenTest {
    private static final String GOLDEN = "evaluation-golden.txt";

    @Test
    void everyMetricKeepsItsNameOrderAndValue() throws IOException {
        Dataset data = TestData.clustered(300, 200, 12, 3);
        Scorer mf = MatrixFactorization.initialise(300, 200, 8, new SplittableRandom(1)).scorer();
        Scorer popular = new MostPopular(data.train());
        StringBuilder sb = new StringBuilder();
        sb.append(section("mf defaults test", data.train(), EvaluationOptions.defaults(), 1, mf, data.test()));
        sb.append(section("mf k=1,5,50 groups=3 block=7 valid", data.train(), new EvaluationOptions(new int[] {50, 1, 5}, 3, 0, 1, 7), 2,
                mf, data.valid()));
        sb.append(section("popular defaults test", data.train(), EvaluationOptions.defaults(), 2, popular, data.test()));
        sb.append(section("popular groups=1 valid", data.train(), new EvaluationOptions(new int[] {3}, 1, 0, 1, 64), 1, popular,
                data.valid()));
        sb.append(section("mf sampled 20 test", data.train(), new EvaluationOptions(new int[] {1, 10}, 2, 20, 7, 64), 2, mf, data.test()));
        Interactions none = Interactions.of(300, 200, new int[0], new int[0]);
        sb.append(section("no held-out users", data.train(), EvaluationOptions.defaults(), 1, mf, none));
        String actual = sb.toString();
        if (Boolean.getBoolean("unkd.writeGolden")) {
            Files.writeString(Path.of("src/test/resources/dev/unkd/eval", GOLDEN), actual);
        }
        assertThat(actual).isEqualTo(golden());
    }

    private static String section(String title, Interactions train, EvaluationOptions options, int threads, Scorer scorer,
            Interactions heldOut) {
        try (ChunkedExecutor executor = new ChunkedExecutor(threads)) {
            Map<String, Object> metrics = new Evaluator(train, options, executor).evaluate(scorer, heldOut).asMap();
            return "# " + title + "\n" + metrics.entrySet().stream().map(e -> e.getKey() + "=" + render(e.getValue()))
                    .collect(Collectors.joining("\n")) + "\n";
        }
    }

    private static String render(Object value) {
        if (value instanceof double[] a) {
            return Arrays.stream(a).mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]"));
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    private static String golden() throws IOException {
        try (InputStream in = EvaluationGoldenTest.class.getResourceAsStream(GOLDEN)) {
            return in == null ? "(missing " + GOLDEN + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
