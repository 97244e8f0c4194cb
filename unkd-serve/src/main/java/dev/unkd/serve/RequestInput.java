package dev.unkd.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.unkd.data.IdMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Validates what clients send: list lengths, excluded ids, JSON bodies and admin credentials. Every refusal is an {@link ApiException}. */
final class RequestInput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int[] NONE = new int[0];

    private RequestInput() {
    }

    /** k from a query parameter: absent means the default; otherwise an integer in 1..maxK, or 400. */
    static int k(String raw, ServiceLimits limits) {
        if (raw == null || raw.isEmpty()) {
            return limits.defaultK();
        }
        int k;
        try {
            k = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw badK("'" + raw + "'", limits);
        }
        return checkK(k, limits);
    }

    /** k from a JSON field: absent means the default; otherwise an integer in 1..maxK, or 400. */
    static int k(JsonNode node, ServiceLimits limits) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return limits.defaultK();
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw badK(node.toString(), limits);
        }
        return checkK(node.asInt(), limits);
    }

    private static int checkK(int k, ServiceLimits limits) {
        if (k < 1 || k > limits.maxK()) {
            throw badK(Integer.toString(k), limits);
        }
        return k;
    }

    private static ApiException badK(String got, ServiceLimits limits) {
        return new ApiException(400, "k must be an integer from 1 to " + limits.maxK() + ", got " + got);
    }

    /**
     * Dense indices of comma-separated item ids. Ids the model does not know are skipped: they
     * cannot be recommended anyway, and a client's catalogue may be ahead of the model's.
     */
    static int[] exclude(String raw, IdMap items) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        return indices(raw.split(","), items);
    }

    private static int[] indices(String[] ids, IdMap items) {
        int[] out = new int[ids.length];
        int n = 0;
        for (String id : ids) {
            int i = items.indexOf(id.strip());
            if (i >= 0) {
                out[n++] = i;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Dense indices of a JSON array of item ids (absent: none); unknown ids are skipped as above. */
    static int[] exclude(JsonNode node, IdMap items) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NONE;
        }
        if (!node.isArray()) {
            throw new ApiException(400, "'exclude' must be an array of item ids");
        }
        return indices(ids(node, "exclude"), items); // ids may hold commas here
    }

    /** The elements of a JSON array of ids (strings or integers), or 400. */
    static String[] ids(JsonNode array, String field) {
        String[] out = new String[array.size()];
        for (int q = 0; q < out.length; q++) {
            JsonNode id = array.get(q);
            if (!id.isTextual() && !id.isIntegralNumber()) {
                throw new ApiException(400, "'" + field + "' must hold string ids, element " + q + " is " + id);
            }
            out[q] = id.asText();
        }
        return out;
    }

    /**
     * Reads and parses a JSON body of at most {@code maxBytes} (larger: 413, checked on the
     * declared length first and on the bytes actually sent, so a chunked upload cannot exceed it
     * either) that must have arrived by {@code deadlineNanos} ({@link System#nanoTime()} clock;
     * later: 408, so a client trickling its body cannot hold a request thread for long; one
     * blocked read is bounded by the connection's timeout). An empty body gives a missing node;
     * malformed JSON gives 400.
     */
    static JsonNode jsonBody(long declaredLength, InputStream body, long maxBytes, long deadlineNanos) {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        long limit = Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, declaredLength > 0 ? declaredLength : 1024));
        byte[] buffer = new byte[8192];
        try {
            while (out.size() < limit) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw tooSlow();
                }
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw tooSlow(); // the connection's timeout ended a blocked read
            }
            throw new ApiException(400, "could not read the request body");
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "could not read the request body");
        }
    }

    private static ApiException tooSlow() {
        return new ApiException(408, "request body not received in time");
    }

    /**
     * Admin requests must declare {@code Content-Type: application/json} (else 415): a browser
     * sends that type cross-origin only after a CORS preflight this server never approves, so a
     * web page cannot post to the admin routes. Parameters such as {@code charset} are allowed.
     */
    static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (!type.equalsIgnoreCase("application/json")) {
            throw new ApiException(415, "admin requests need 'Content-Type: application/json'");
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "request body larger than " + maxBytes + " bytes");
    }

    /**
     * Checks an {@code Authorization: Bearer TOKEN} header against the configured token (401 when
     * missing or wrong). No token configured: the admin routes are disabled (403), since anyone
     * reaching the port could otherwise use them. Compared in constant time so response timing
     * does not leak the token.
     */
    static void authorize(String authorization, Optional<String> token) {
        if (token.isEmpty()) {
            throw new ApiException(403, "admin routes are disabled: start the server with an admin token to enable them");
        }
        String prefix = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new ApiException(401, "admin routes need an 'Authorization: Bearer TOKEN' header");
        }
        byte[] given = authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "invalid admin token");
        }
    }
}
