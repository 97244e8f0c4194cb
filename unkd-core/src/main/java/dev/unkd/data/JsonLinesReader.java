package dev.unkd.data;

import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads JSON lines (one JSON object per line, e.g. Amazon review dumps), plain or gzipped, taking
 * user, item and optionally rating and timestamp from the fields named by {@link JsonFields}.
 * Every named field must be present on every line. Ids may be strings or numbers; ratings and
 * timestamps numbers or numeric strings. Blank lines are skipped.
 */
public final class JsonLinesReader implements InteractionReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonFields fields;
    private final Charset charset;

    /** A reader of UTF-8 JSON lines with the given field names. */
    public JsonLinesReader(JsonFields fields) {
        this(fields, StandardCharsets.UTF_8);
    }

    /** A reader of JSON lines in the given (ASCII-compatible) charset, decoded strictly. */
    public JsonLinesReader(JsonFields fields, Charset charset) {
        this.fields = Objects.requireNonNull(fields);
        TextLines.checkAsciiCompatible(charset);
        this.charset = charset;
    }

    public JsonFields fields() {
        return fields;
    }

    @Override
    public InteractionLog read(Path file) throws IOException {
        InteractionLog.Builder log = new InteractionLog.Builder();
        try (TextLines in = TextInput.open(file, charset)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                SourceLine at = new SourceLine(file, number);
                JsonNode row = parse(line, at);
                String user = id(field(row, fields.user(), at), fields.user(), at);
                String item = id(field(row, fields.item(), at), fields.item(), at);
                float rating = fields.rating() == null ? Float.NaN : rating(field(row, fields.rating(), at), at);
                long time = fields.timestamp() == null ? InteractionLog.NO_TIMESTAMP : timestamp(field(row, fields.timestamp(), at), at);
                log.add(user, item, rating, time);
            }
        }
        return log.build(file.toString());
    }

    private static JsonNode parse(String line, SourceLine at) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw at.error("invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw at.error("expected a JSON object");
        }
        return node;
    }

    private static JsonNode field(JsonNode row, String name, SourceLine at) {
        JsonNode v = name.startsWith("/") ? row.at(name) : row.get(name);
        if (v == null || v.isMissingNode() || v.isNull()) {
            throw at.error("missing field '" + name + "'");
        }
        return v;
    }

    private static String id(JsonNode v, String name, SourceLine at) {
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw at.error("field '" + name + "' is not an id: " + v);
        }
        return v.asText();
    }

    private static float rating(JsonNode v, SourceLine at) {
        if (v.isNumber() && Double.isFinite(v.doubleValue())) {
            return v.floatValue();
        }
        return at.rating(v.isTextual() ? v.asText() : v.toString());
    }

    private static long timestamp(JsonNode v, SourceLine at) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        return at.timestamp(v.isValueNode() ? v.asText() : v.toString());
    }
}
