package dev.unkd.distill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unkd.data.DataFormatException;
import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pairs.json} of a {@link PairShards} directory: which epochs it holds and how they were
 * drawn, so a student can check and report what it trains on.
 *
 * @param seed the training seed the pairs were drawn for (epoch e used derive(derive(seed, 1, e), STREAM))
 * @param firstEpoch first epoch held, 1-based as the trainer
 * @param epochs number of consecutive epochs held
 * @param pairsPerGroup the allocation n_g (a user's pairs are at most their sum)
 * @param sampleBudget the budget n_g was allocated from
 * @param ratioExponent lambda of the allocation (0: equal shares)
 */
public record PairShardHeader(long seed, int firstEpoch, int epochs, int[] pairsPerGroup, int sampleBudget, double ratioExponent,
        double temperature, TieRedraw tieRedraw) {
    /** Version of the directory layout; bumped when it changes. */
    public static final int FORMAT = 1;

    public PairShardHeader {
        if (firstEpoch < 1 || epochs < 1) {
            throw new IllegalArgumentException("Invalid epochs: first " + firstEpoch + ", count " + epochs + " (need >= 1 each)");
        }
        if (pairsPerGroup.length == 0 || Arrays.stream(pairsPerGroup).anyMatch(n -> n < 0) || Arrays.stream(pairsPerGroup).sum() < 1) {
            throw new IllegalArgumentException("Invalid pairs per group: " + Arrays.toString(pairsPerGroup));
        }
        pairsPerGroup = pairsPerGroup.clone();
    }

    /** Most pairs a user has in one epoch. */
    public int stride() {
        return Arrays.stream(pairsPerGroup).sum();
    }

    public int lastEpoch() {
        return firstEpoch + epochs - 1;
    }

    @Override
    public int[] pairsPerGroup() {
        return pairsPerGroup.clone();
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("seed", seed);
        m.put("firstEpoch", firstEpoch);
        m.put("epochs", epochs);
        m.put("pairsPerGroup", Arrays.stream(pairsPerGroup).boxed().toList());
        m.put("sampleBudget", sampleBudget);
        m.put("ratioExponent", ratioExponent);
        m.put("temperature", temperature);
        m.put("tieRedraw", tieRedraw.name());
        return m;
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asMap()) + "\n");
    }

    public static PairShardHeader read(Path file) throws IOException {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found (not a directory of unkd spark unkd-pairs?)");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new DataFormatException(file, 0, "not valid JSON: " + e.getOriginalMessage());
        }
        int format = field(n, "format", file).asInt();
        if (format != FORMAT) {
            throw new DataFormatException(file, 0, "format " + format + " is not supported (this version reads " + FORMAT + ")");
        }
        JsonNode groups = field(n, "pairsPerGroup", file);
        int[] perGroup = new int[groups.size()];
        for (int g = 0; g < perGroup.length; g++) {
            perGroup[g] = groups.get(g).asInt();
        }
        try {
            return new PairShardHeader(field(n, "seed", file).asLong(), field(n, "firstEpoch", file).asInt(), field(n, "epochs", file).asInt(),
                    perGroup, field(n, "sampleBudget", file).asInt(), field(n, "ratioExponent", file).asDouble(),
                    field(n, "temperature", file).asDouble(), TieRedraw.valueOf(field(n, "tieRedraw", file).asText()));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 0, e.getMessage());
        }
    }

    private static JsonNode field(JsonNode n, String name, Path file) {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || v.isNull()) {
            throw new DataFormatException(file, 0, "missing field '" + name + "'");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairShardHeader h && seed == h.seed && firstEpoch == h.firstEpoch && epochs == h.epochs
                && Arrays.equals(pairsPerGroup, h.pairsPerGroup) && sampleBudget == h.sampleBudget
                && Double.compare(ratioExponent, h.ratioExponent) == 0 && Double.compare(temperature, h.temperature) == 0
                && tieRedraw == h.tieRedraw;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Arrays.hashCode(pairsPerGroup) + firstEpoch * 7 + epochs;
    }

    @Override
    public String toString() {
        return "PairShardHeader" + asMap();
    }
}
