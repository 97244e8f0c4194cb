package dev.unkd.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unkd.data.IdMap;
import dev.unkd.io.AtomicFiles;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Binary model files, format version 1:
 * <pre>
 *   "UNKDMODL"  int32 version  int32 headerBytes  header (UTF-8 JSON)
 *   user ids (UTF-8, '\n'-separated)  item ids (same)
 *   float32 tables in header order (little-endian, row-major)
 *   int64 CRC32 of everything before
 * </pre>
 * The header holds type, table shapes, id counts and checksums, the training-data fingerprint
 * and provenance. Written to a temp file and renamed; loading checks magic, version, sizes,
 * checksums and the CRC, and fails with a message naming the file.
 */
public final class ModelFile {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "UNKDMODL".getBytes(StandardCharsets.US_ASCII);
    /** Sorted keys at every level of the header, so equal models write equal bytes. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private ModelFile() {
    }

    /**
     * Writes the model atomically. Refuses tables holding NaN or infinite values (a diverged
     * training), so no file with non-finite parameters is ever written.
     */
    public static void save(SavedModel model, Path file) throws IOException {
        for (Map.Entry<String, EmbeddingTable> e : model.tables().entrySet()) {
            java.util.Optional<String> bad = e.getValue().describeNonFinite();
            if (bad.isPresent()) {
                throw new ModelFileException(file, "not written: table '" + e.getKey() + "' holds " + bad.get()
                        + " (non-finite parameters: the training diverged)");
            }
        }
        byte[] userIds = String.join("\n", model.users().ids()).getBytes(StandardCharsets.UTF_8);
        byte[] itemIds = String.join("\n", model.items().ids()).getBytes(StandardCharsets.UTF_8);
        ObjectNode header = JSON.createObjectNode();
        header.put("type", model.type());
        header.put("users", model.users().size());
        header.put("items", model.items().size());
        header.put("userIdBytes", userIds.length);
        header.put("itemIdBytes", itemIds.length);
        header.put("userIdChecksum", Long.toHexString(model.users().checksum()));
        header.put("itemIdChecksum", Long.toHexString(model.items().checksum()));
        header.put("dataFingerprint", Long.toHexString(model.dataFingerprint()));
        ArrayNode tables = header.putArray("tables");
        for (Map.Entry<String, EmbeddingTable> e : model.tables().entrySet()) {
            tables.addObject().put("name", e.getKey()).put("rows", e.getValue().rows()).put("cols", e.getValue().dim());
        }
        header.set("provenance", JSON.valueToTree(model.provenance()));
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        AtomicFiles.write(file, raw -> {
            CRC32 crc = new CRC32();
            OutputStream out = new CheckedOutputStream(raw, crc);
            out.write(MAGIC);
            out.write(intBytes(VERSION));
            out.write(intBytes(headerBytes.length));
            out.write(headerBytes);
            out.write(userIds);
            out.write(itemIds);
            byte[] buf = new byte[1 << 16];
            for (EmbeddingTable t : model.tables().values()) {
                float[] data = t.data();
                ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : data) {
                    if (!bb.hasRemaining()) {
                        out.write(buf, 0, bb.position());
                        bb.clear();
                    }
                    bb.putFloat(f);
                }
                out.write(buf, 0, bb.position());
            }
            out.flush();
            raw.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).array());
        });
    }

    /** Reads and verifies a model file (magic, version, sizes, checksums, CRC, finite tables). */
    public static SavedModel load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "is a directory, expected a model file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "file not found");
        }
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ModelFileException(file, "not a unkd model file (bad magic bytes)");
            }
            int version = readInt(in);
            if (version != VERSION) {
                throw new ModelFileException(file, "model format version " + version + " is not supported (this unkd reads version " + VERSION + ")");
            }
            int headerLength = readInt(in);
            if (headerLength <= 0 || headerLength > size) {
                throw new ModelFileException(file, "corrupt header length " + headerLength);
            }
            JsonNode header = JSON.readTree(readBytes(in, headerLength));
            int numUsers = required(file, header, "users").asInt();
            int numItems = required(file, header, "items").asInt();
            byte[] userIds = readBytes(in, required(file, header, "userIdBytes").asInt());
            byte[] itemIds = readBytes(in, required(file, header, "itemIdBytes").asInt());
            IdMap users = idMap(file, userIds, numUsers, "user");
            IdMap items = idMap(file, itemIds, numItems, "item");
            checkChecksum(file, header, "userIdChecksum", users);
            checkChecksum(file, header, "itemIdChecksum", items);
            Map<String, EmbeddingTable> tables = new LinkedHashMap<>();
            long expected = 16L + headerLength + userIds.length + itemIds.length + 8;
            List<JsonNode> specs = new ArrayList<>();
            required(file, header, "tables").forEach(specs::add);
            for (JsonNode spec : specs) {
                expected += 4L * spec.get("rows").asLong() * spec.get("cols").asLong();
            }
            if (expected != size) {
                throw new ModelFileException(file, "file has " + size + " bytes, header describes " + expected + " (truncated or corrupt)");
            }
            byte[] buf = new byte[1 << 16];
            for (JsonNode spec : specs) {
                int rows = spec.get("rows").asInt();
                int cols = spec.get("cols").asInt();
                float[] data = new float[Math.multiplyExact(rows, cols)];
                int k = 0;
                while (k < data.length) {
                    int n = Math.min(buf.length / 4, data.length - k);
                    in.readFully(buf, 0, n * 4);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (int q = 0; q < n; q++) {
                        data[k++] = bb.getFloat();
                    }
                }
                EmbeddingTable table = new EmbeddingTable(rows, cols, data);
                java.util.Optional<String> bad = table.describeNonFinite();
                if (bad.isPresent()) {
                    throw new ModelFileException(file, "table '" + spec.get("name").asText() + "' holds " + bad.get()
                            + " (non-finite parameters)");
                }
                tables.put(spec.get("name").asText(), table);
            }
            long computed = crc.getValue();
            byte[] trailer = new byte[8];
            raw.readNBytes(trailer, 0, 8);
            long stored = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (stored != computed) {
                throw new ModelFileException(file, "checksum mismatch (file is corrupt)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = header.has("provenance") ? JSON.convertValue(header.get("provenance"), Map.class) : Map.of();
            return new SavedModel(required(file, header, "type").asText(), users, items,
                    Long.parseUnsignedLong(required(file, header, "dataFingerprint").asText(), 16), provenance, tables);
        } catch (EOFException e) {
            throw new ModelFileException(file, "unexpected end of file (truncated)");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ModelFileException(file, "corrupt header: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            if (e instanceof ModelFileException) {
                throw e;
            }
            throw new ModelFileException(file, e.getMessage());
        }
    }

    private static JsonNode required(Path file, JsonNode header, String field) {
        JsonNode v = header.get(field);
        if (v == null) {
            throw new ModelFileException(file, "header lacks field '" + field + "'");
        }
        return v;
    }

    private static IdMap idMap(Path file, byte[] bytes, int expected, String what) {
        List<String> ids = bytes.length == 0 ? List.of() : Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1));
        if (ids.size() != expected) {
            throw new ModelFileException(file, "has " + ids.size() + " " + what + " ids, header says " + expected);
        }
        return IdMap.of(ids);
    }

    private static void checkChecksum(Path file, JsonNode header, String field, IdMap ids) {
        if (!Long.toHexString(ids.checksum()).equals(required(file, header, field).asText())) {
            throw new ModelFileException(file, field + " does not match the stored ids (file is corrupt)");
        }
    }

    private static byte[] readBytes(DataInputStream in, int n) throws IOException {
        if (n < 0) {
            throw new EOFException();
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static int readInt(DataInputStream in) throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
