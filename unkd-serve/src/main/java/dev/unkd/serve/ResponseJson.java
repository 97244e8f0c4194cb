package dev.unkd.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unkd.data.IdMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Response bodies. Ranked lists are streamed with a JSON generator straight from the result
 * arrays (no intermediate maps per item, ids escaped by Jackson); rare small answers (health,
 * reload) go through an ObjectMapper.
 */
final class ResponseJson {
    static final String CONTENT_TYPE = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private ResponseJson() {
    }

    /** One of the batch's answers: a list for a user, or the reason there is none. */
    record BatchEntry(String user, Recommendation recommendation, String error) {
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** {"user", "k", "items": [{"item", "score"}], "modelVersion"[, "fallback": "popular" or "balanced"]} */
    static byte[] forUser(String user, int k, Recommendation rec, IdMap items, String version, Fallback fallback) {
        return write(rec.size() * 40 + 128, g -> {
            g.writeStartObject();
            g.writeStringField("user", user);
            g.writeNumberField("k", k);
            writeItems(g, rec, items);
            if (rec.fallback()) {
                g.writeStringField("fallback", fallback.label());
            }
            g.writeStringField("modelVersion", version);
            g.writeEndObject();
        });
    }

    /** {"item", "k", "items": [{"item", "score"}], "modelVersion"}: scores are cosine similarities. */
    static byte[] forItem(String item, int k, Recommendation rec, IdMap items, String version) {
        return write(rec.size() * 40 + 128, g -> {
            g.writeStartObject();
            g.writeStringField("item", item);
            g.writeNumberField("k", k);
            writeItems(g, rec, items);
            g.writeStringField("modelVersion", version);
            g.writeEndObject();
        });
    }

    /** {"k", "results": [{"user", "items"[, "fallback"]} or {"user", "error"}], "modelVersion"} */
    static byte[] forBatch(int k, List<BatchEntry> entries, IdMap items, String version, Fallback fallback) {
        return write(entries.size() * (k * 40 + 64) + 128, g -> {
            g.writeStartObject();
            g.writeNumberField("k", k);
            g.writeArrayFieldStart("results");
            for (BatchEntry e : entries) {
                g.writeStartObject();
                g.writeStringField("user", e.user());
                if (e.recommendation() != null) {
                    writeItems(g, e.recommendation(), items);
                    if (e.recommendation().fallback()) {
                        g.writeStringField("fallback", fallback.label());
                    }
                } else {
                    g.writeStringField("error", e.error());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("modelVersion", version);
            g.writeEndObject();
        });
    }

    /** {"k", "items": [{"item", "score"}], "unknownItems": [ids], "modelVersion"}: a folded-in anonymous user's list. */
    static byte[] forItems(int k, Recommendation rec, List<String> unknown, IdMap items, String version) {
        return write(rec.size() * 40 + unknown.size() * 16 + 128, g -> {
            g.writeStartObject();
            g.writeNumberField("k", k);
            writeItems(g, rec, items);
            writeStrings(g, "unknownItems", unknown);
            g.writeStringField("modelVersion", version);
            g.writeEndObject();
        });
    }

    /** {"error", "status": 422, "unknownItems"}: a fold-in request none of whose items the model knows. */
    static byte[] noKnownItems(List<String> unknown) {
        return write(unknown.size() * 16 + 128, g -> {
            g.writeStartObject();
            g.writeStringField("error", "none of the given items is known to the model");
            g.writeNumberField("status", 422);
            writeStrings(g, "unknownItems", unknown);
            g.writeEndObject();
        });
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** {"error": message, "status": code} */
    static byte[] error(int status, String message) {
        return write(message.length() + 64, g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeNumberField("status", status);
            g.writeEndObject();
        });
    }

    static byte[] object(Map<String, ?> fields) {
        try {
            return MAPPER.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeItems(JsonGenerator g, Recommendation rec, IdMap items) throws IOException {
        g.writeArrayFieldStart("items");
        for (int r = 0; r < rec.size(); r++) {
            g.writeStartObject();
            g.writeStringField("item", items.id(rec.items()[r]));
            g.writeNumberField("score", rec.scores()[r]);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static byte[] write(int sizeHint, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }
}
