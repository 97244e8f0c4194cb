package dev.unkd.distill;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.IdMap;
import dev.unkd.io.AtomicFiles;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.IdListFile;
import dev.unkd.io.TextLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * UnKD pairs drawn outside this process ({@code unkd spark unkd-pairs}), read one epoch at a time
 * as a {@link PairSource}. Layout of the directory:
 * <pre>
 *   pairs.json             {@link PairShardHeader}: seed, epochs held, allocation, law
 *   users.txt, items.txt   the external id of every index used below, one per line
 *   epoch=E/part-*         text, optionally gzipped (.gz): one line per user,
 *                          "u TAB b1,b2,... TAB w1,w2,..." (the user's pairs (b_k, w_k) in drawing order)
 * </pre>
 * Indices are mapped through the id files to the dataset's own indices, so shards written over
 * another index order of the same ids read correctly; an id the dataset lacks is an error.
 *
 * <p>Training epoch e reads shard epoch e. When training runs past the epochs held, the shards
 * are reused cyclically: epoch e reads first + ((e - first) mod epochs). The epochs keep their
 * law, but pairs then repeat, unlike an in-process run which draws fresh pairs every epoch.
 *
 * <p>Cost per epoch: parsing 2 x users x stride integers from disk; memory: one {@link RankedPairs}.
 */
public final class PairShards implements PairSource {
    public static final String HEADER = "pairs.json";
    public static final String USERS = "users.txt";
    public static final String ITEMS = "items.txt";

    private final Path dir;
    private final PairShardHeader header;
    private final int[] userIndex;
    private final int[] itemIndex;
    private final int numUsers;

    private PairShards(Path dir, PairShardHeader header, int[] userIndex, int[] itemIndex, int numUsers) {
        this.dir = dir;
        this.header = header;
        this.userIndex = userIndex;
        this.itemIndex = itemIndex;
        this.numUsers = numUsers;
    }

    /** Opens a directory for a dataset's ids; checks the header, the id files and that every epoch directory exists. */
    public static PairShards open(Path dir, IdMap users, IdMap items) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, 0, "not a directory (expected the output of unkd spark unkd-pairs)");
        }
        PairShardHeader header = PairShardHeader.read(dir.resolve(HEADER));
        for (int e = header.firstEpoch(); e <= header.lastEpoch(); e++) {
            Path epochDir = dir.resolve(epochDirectory(e));
            if (!Files.isDirectory(epochDir)) {
                throw new DataFormatException(epochDir, 0, "missing: " + HEADER + " lists epochs " + header.firstEpoch() + ".."
                        + header.lastEpoch());
            }
        }
        return new PairShards(dir, header, indexMap(dir.resolve(USERS), users, "user"), indexMap(dir.resolve(ITEMS), items, "item"),
                users.size());
    }

    /** Shard index to dataset index, failing on ids the dataset does not have. */
    private static int[] indexMap(Path file, IdMap target, String what) throws IOException {
        List<String> ids = IdListFile.read(file);
        int[] map = new int[ids.size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = target.indexOf(ids.get(k));
            if (map[k] < 0) {
                throw new DataFormatException(file, 0, what + " '" + ids.get(k) + "' (index " + k + ") is not in the data, which has "
                        + target.size() + " " + what + "s: the pairs were drawn for other data");
            }
        }
        return map;
    }

    public static String epochDirectory(int epoch) {
        return "epoch=" + epoch;
    }

    public PairShardHeader header() {
        return header;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public int[] pairsPerGroup() {
        return header.pairsPerGroup();
    }

    /** The shard epoch a training epoch reads (cyclic past the epochs held). */
    public int shardEpoch(int epoch) {
        return header.firstEpoch() + Math.floorMod(epoch - header.firstEpoch(), header.epochs());
    }

    /** Reads the shard epoch of training epoch {@code epoch}; the seed is fixed by the shards and not used. */
    @Override
    public RankedPairs pairs(int epoch, long epochSeed, ChunkedExecutor executor) {
        try {
            return read(shardEpoch(epoch));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pairs of one shard epoch, over the dataset's indices. */
    public RankedPairs read(int shardEpoch) throws IOException {
        Path epochDir = dir.resolve(epochDirectory(shardEpoch));
        List<Path> files;
        try (Stream<Path> s = Files.list(epochDir)) {
            // Spark also writes hidden .crc files and _SUCCESS markers
            files = s.filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new DataFormatException(epochDir, 0, "no shard files");
        }
        int stride = header.stride();
        RankedPairs pairs = new RankedPairs(numUsers, stride);
        boolean[] seen = new boolean[numUsers];
        for (Path f : files) {
            readFile(f, pairs, seen, stride);
        }
        return pairs;
    }

    private void readFile(Path file, RankedPairs pairs, boolean[] seen, int stride) throws IOException {
        try (TextLines r = TextLines.open(file)) { // gzip by magic bytes; strict UTF-8; errors name the file
            String line;
            long ln = 0;
            while ((line = r.readLine()) != null) {
                ln++;
                if (!line.isEmpty()) {
                    parseLine(line, file, ln, pairs, seen, stride);
                }
            }
        }
    }

    private void parseLine(String line, Path file, long ln, RankedPairs pairs, boolean[] seen, int stride) {
        String[] f = line.split("\t", -1);
        if (f.length != 3) {
            throw new DataFormatException(file, ln, "expected 'user TAB better items TAB worse items', found " + f.length + " fields");
        }
        int shardUser = number(f[0], file, ln);
        if (shardUser < 0 || shardUser >= userIndex.length) {
            throw new DataFormatException(file, ln, "user index " + shardUser + " outside " + USERS + " (" + userIndex.length + " ids)");
        }
        int u = userIndex[shardUser];
        if (seen[u]) {
            throw new DataFormatException(file, ln, "second line for user index " + shardUser + " in this epoch");
        }
        seen[u] = true;
        String[] better = f[1].isEmpty() ? new String[0] : f[1].split(",", -1);
        String[] worse = f[2].isEmpty() ? new String[0] : f[2].split(",", -1);
        if (better.length != worse.length || better.length > stride) {
            throw new DataFormatException(file, ln, better.length + " better and " + worse.length + " worse items (need equal counts, at most "
                    + stride + " = the sum of pairsPerGroup in " + HEADER + ")");
        }
        int[] b = pairs.betterArray();
        int[] w = pairs.worseArray();
        for (int k = 0; k < better.length; k++) {
            int i = item(number(better[k], file, ln), file, ln);
            int j = item(number(worse[k], file, ln), file, ln);
            if (i == j) {
                throw new DataFormatException(file, ln, "pair " + (k + 1) + " compares item index " + better[k] + " with itself");
            }
            b[u * stride + k] = i;
            w[u * stride + k] = j;
        }
        pairs.setCount(u, better.length);
    }

    private int item(int shardItem, Path file, long ln) {
        if (shardItem < 0 || shardItem >= itemIndex.length) {
            throw new DataFormatException(file, ln, "item index " + shardItem + " outside " + ITEMS + " (" + itemIndex.length + " ids)");
        }
        return itemIndex[shardItem];
    }

    private static int number(String s, Path file, long ln) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, ln, "'" + s + "' is not an index");
        }
    }

    /**
     * Writes a directory in this layout from in-process pairs over the dataset's indices (one
     * uncompressed file per epoch); what the Spark job writes per partition, for tests and tools.
     */
    public static void write(Path dir, PairShardHeader header, IdMap users, IdMap items, IntFunction<RankedPairs> epochPairs)
            throws IOException {
        Files.createDirectories(dir);
        writeIds(users, dir.resolve(USERS));
        writeIds(items, dir.resolve(ITEMS));
        for (int e = header.firstEpoch(); e <= header.lastEpoch(); e++) {
            RankedPairs pairs = epochPairs.apply(e);
            AtomicFiles.writeText(dir.resolve(epochDirectory(e)).resolve("part-00000.txt"), w -> {
                for (int u = 0; u < pairs.numUsers(); u++) {
                    StringBuilder b = new StringBuilder().append(u).append('\t');
                    for (int k = 0; k < pairs.count(u); k++) {
                        b.append(k > 0 ? "," : "").append(pairs.better(u, k));
                    }
                    b.append('\t');
                    for (int k = 0; k < pairs.count(u); k++) {
                        b.append(k > 0 ? "," : "").append(pairs.worse(u, k));
                    }
                    w.write(b.append('\n').toString());
                }
            });
        }
        header.write(dir.resolve(HEADER));
    }

    /** One external id per line in index order, as {@link IdListFile} reads. */
    public static void writeIds(IdMap ids, Path file) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (int k = 0; k < ids.size(); k++) {
                w.write(ids.id(k));
                w.write('\n');
            }
        });
    }
}
