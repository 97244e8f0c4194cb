package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins results.csv and search.csv of the tiny experiment, every column but the wall-clock
 * {@code seconds}, as recorded before metrics became types; {@code -Dunkd.writeGolden=true}
 * re-records after an intended change.
 */
class ResultsGoldenTest {
    @TempDir
    Path dir;

    @Test
    void resultFilesKeepTheirColumnsAndValues() throws IOException {
        ExperimentResults results;
        try (ChunkedExecutor executor = new ChunkedExecutor(2)) {
            results = new ExperimentRunner(TinyExperiments.config(), dir, false, executor, ExperimentListener.NONE).run();
        }
        ExperimentReport.write(results, dir);
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String file : List.of("results.csv", "search.csv")) {
            String name = "golden-" + file;
            actual.put(name, withoutSeconds(Files.readAllLines(dir.resolve(file))));
            if (Boolean.getBoolean("unkd.writeGolden")) {
                Files.writeString(Path.of("src/test/resources/dev/unkd/experiment", name), actual.get(name));
            }
            expected.put(name, golden(name));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** The lines with the "seconds" column emptied (the CSV has no quoted commas in these files). */
    private static String withoutSeconds(List<String> lines) {
        int col = Arrays.asList(lines.get(0).split(",", -1)).indexOf("seconds");
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            List<String> cells = new ArrayList<>(Arrays.asList(lines.get(l).split(",", -1)));
            if (l > 0 && col >= 0 && col < cells.size()) {
                cells.set(col, "");
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ResultsGoldenTest.class.getResourceAsStream(name)) {
            return in == null ? "(missing " + name + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
