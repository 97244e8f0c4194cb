package dev.unkd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.UserAveraging;
import dev.unkd.io.AtomicFiles;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The METRICS.json contract: {"valid": {...}, "test": {...}, "averaging" (only when "all-users"), "bestEpoch", "epochsRun", "trainSeconds", ...,
 * "validationCurve": [{"epoch", "value" (the selection metric, NDCG@20 by default), "loss", "lr"}, ...]}.
 */
final class MetricsJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    /** One validation of the training curve (a record, so the JSON keys keep this order). */
    record CurveEntry(int epoch, double value, double loss, double lr) {
    }

    static Map<String, Object> of(EvaluationReport valid, EvaluationReport test, TrainingResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", valid == null ? Map.of() : valid.asMap());
        out.put("test", test == null ? Map.of() : test.asMap());
        if (test != null && test.averaging() != UserAveraging.HELD_OUT_USERS) {
            out.put("averaging", test.averaging().id()); // absent: the default, so older files keep their keys
        }
        if (result != null) {
            out.put("bestEpoch", result.bestEpoch());
            out.put("epochsRun", result.epochsRun());
            out.put("trainSeconds", result.trainSeconds());
            out.put("secondsPerEpoch", result.secondsPerEpoch());
            out.put("validationCurve", result.curve().stream()
                    .map(v -> new CurveEntry(v.epoch(), v.value(), v.loss(), v.lr())).toList());
        }
        return out;
    }

    static void write(Path file, Map<String, Object> content) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(content) + "\n");
    }
}
