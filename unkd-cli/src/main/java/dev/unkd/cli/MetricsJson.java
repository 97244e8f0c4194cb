package dev.unkd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.io.AtomicFiles;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The METRICS.json contract: {"valid": {...}, "test": {...}, "bestEpoch", "epochsRun", "trainSeconds", ...}. */
final class MetricsJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    static Map<String, Object> of(EvaluationReport valid, EvaluationReport test, TrainingResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", valid == null ? Map.of() : valid.asMap());
        out.put("test", test == null ? Map.of() : test.asMap());
        if (result != null) {
            out.put("bestEpoch", result.bestEpoch());
            out.put("epochsRun", result.epochsRun());
            out.put("trainSeconds", result.trainSeconds());
            out.put("secondsPerEpoch", result.secondsPerEpoch());
        }
        return out;
    }

    static void write(Path file, Map<String, Object> content) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(content) + "\n");
    }
}
