package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pair shards on disk: known answers, id mapping, cycling, bad input, and training equal to the in-process sampler. */
class PairShardsTest {
    private static final ChunkedExecutor ONE = new ChunkedExecutor(1);
    private static final IdMap USERS = IdMap.of(List.of("ann", "bob", "cy"));
    private static final IdMap ITEMS = IdMap.of(List.of("x", "y", "z", "w"));

    @TempDir
    Path tmp;

    /** Shards over another index order: users (cy, ann), items (w, z, y, x); 2 epochs from 3, 2 pairs per user at most. */
    private Path handMade() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pairs"));
        Files.writeString(dir.resolve(PairShards.USERS), "cy\nann\n");
        Files.writeString(dir.resolve(PairShards.ITEMS), "w\nz\ny\nx\n");
        new PairShardHeader(7, 3, 2, new int[] {1, 1}, 2, 0, 20, TieRedraw.PAIR).write(dir.resolve(PairShards.HEADER));
        Path e3 = Files.createDirectories(dir.resolve("epoch=3"));
        Files.writeString(e3.resolve("part-00000.txt"), "0\t0,1\t3,2\n");
        Files.writeString(e3.resolve("part-00001.txt"), "1\t2\t1\n");
        Files.writeString(e3.resolve(".part-00000.txt.crc"), "not a shard"); // Spark's checksum files are skipped
        Path e4 = Files.createDirectories(dir.resolve("epoch=4"));
        Files.write(e4.resolve("part-00000.txt.gz"), gzip("1\t\t\n0\t3\t0\n"));
        return dir;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void readsKnownPairsThroughTheIdFilesAndCyclesPastTheEpochsHeld() throws IOException {
        PairShards shards = PairShards.open(handMade(), USERS, ITEMS);
        assertThat(shards.pairsPerGroup()).containsExactly(1, 1);
        RankedPairs e3 = shards.pairs(3, 0, ONE);
        // cy (index 2): (w, x), (z, y); ann (index 0): (y, z); bob has no line
        assertThat(e3.count(2)).isEqualTo(2);
        assertThat(new int[] {e3.better(2, 0), e3.worse(2, 0), e3.better(2, 1), e3.worse(2, 1)}).containsExactly(3, 0, 2, 1);
        assertThat(e3.count(0)).isEqualTo(1);
        assertThat(new int[] {e3.better(0, 0), e3.worse(0, 0)}).containsExactly(1, 2);
        assertThat(e3.count(1)).isZero();
        RankedPairs e4 = shards.pairs(4, 0, ONE); // gzipped; ann's empty line gives no pairs
        assertThat(e4.count(0)).isZero();
        assertThat(new int[] {e4.count(2), e4.better(2, 0), e4.worse(2, 0)}).containsExactly(1, 0, 3);
        assertThat(new int[] {shards.shardEpoch(1), shards.shardEpoch(2), shards.shardEpoch(3), shards.shardEpoch(5), shards.shardEpoch(6)})
                .containsExactly(3, 4, 3, 3, 4);
        assertThat(shards.pairs(5, 0, ONE).better(2, 1)).isEqualTo(e3.better(2, 1));
    }

    @Test
    void badShardsNameTheFileAndTheProblem() throws IOException {
        Path dir = handMade();
        Path part = dir.resolve("epoch=3").resolve("part-00000.txt");
        String[][] cases = {
            {"0\t0,1\t3\n", "part-00000.txt:1", "2 better and 1 worse items"},
            {"0\t0,1,2\t3,2,1\n", "part-00000.txt:1", "at most 2"},
            {"0\t0\t0\n", "part-00000.txt:1", "compares item index 0 with itself"},
            {"0\t0\t9\n", "part-00000.txt:1", "item index 9 outside items.txt (4 ids)"},
            {"5\t0\t1\n", "part-00000.txt:1", "user index 5 outside users.txt (2 ids)"},
            {"\n0\tq\t1\n", "part-00000.txt:2", "'q' is not an index"},
            {"0\t0\t1\n0\t1\t2\n", "part-00000.txt:2", "second line for user index 0"},
            {"0 0 1\n", "part-00000.txt:1", "found 1 fields"},
        };
        for (String[] c : cases) {
            Files.writeString(part, c[0]);
            PairShards shards = PairShards.open(dir, USERS, ITEMS);
            assertThatThrownBy(() -> shards.read(3)).as(c[0]).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining(c[1]).hasMessageContaining(c[2]);
        }
        Files.writeString(dir.resolve(PairShards.ITEMS), "w\nz\nv\nx\n");
        assertThatThrownBy(() -> PairShards.open(dir, USERS, ITEMS)).hasMessageContaining("items.txt")
                .hasMessageContaining("item 'v' (index 2) is not in the data");
        Files.writeString(dir.resolve(PairShards.ITEMS), "w\nz\ny\nx\n");
        Files.delete(dir.resolve("epoch=4").resolve("part-00000.txt.gz"));
        Files.delete(dir.resolve("epoch=4"));
        assertThatThrownBy(() -> PairShards.open(dir, USERS, ITEMS)).hasMessageContaining("epoch=4").hasMessageContaining("lists epochs 3..4");
        Files.writeString(dir.resolve(PairShards.HEADER), "{\"format\": 1, \"seed\": 1}");
        assertThatThrownBy(() -> PairShards.open(dir, USERS, ITEMS)).hasMessageContaining("pairs.json").hasMessageContaining("missing field");
        Files.writeString(dir.resolve(PairShards.HEADER), "{\"format\": 9}");
        assertThatThrownBy(() -> PairShards.open(dir, USERS, ITEMS)).hasMessageContaining("format 9 is not supported");
        assertThatThrownBy(() -> PairShards.open(tmp.resolve("none"), USERS, ITEMS)).hasMessageContaining("not a directory");
        Files.write(Files.createDirectories(tmp.resolve("g").resolve("epoch=3")).resolve("part-0.txt.gz"), new byte[] {31, -117, 8, 0, 1});
        Files.copy(dir.resolve(PairShards.USERS), tmp.resolve("g").resolve(PairShards.USERS));
        Files.copy(dir.resolve(PairShards.ITEMS), tmp.resolve("g").resolve(PairShards.ITEMS));
        new PairShardHeader(7, 3, 1, new int[] {1, 1}, 2, 0, 20, TieRedraw.PAIR).write(tmp.resolve("g").resolve(PairShards.HEADER));
        assertThatThrownBy(() -> PairShards.open(tmp.resolve("g"), USERS, ITEMS).read(3)).hasMessageContaining("part-0.txt.gz");
    }

    @Test
    void headerRoundTripsAndRejectsBadValues() throws IOException {
        PairShardHeader h = new PairShardHeader(-5, 2, 10, new int[] {9, 7, 8}, 24, 1.5, 12.5, TieRedraw.GROUP);
        h.write(tmp.resolve("h.json"));
        assertThat(PairShardHeader.read(tmp.resolve("h.json"))).isEqualTo(h);
        assertThat(h.stride()).isEqualTo(24);
        assertThat(h.lastEpoch()).isEqualTo(11);
        assertThatThrownBy(() -> new PairShardHeader(1, 0, 1, new int[] {1}, 1, 0, 20, TieRedraw.PAIR)).hasMessageContaining("Invalid epochs");
        assertThatThrownBy(() -> new PairShardHeader(1, 1, 1, new int[] {0, 0}, 1, 0, 20, TieRedraw.PAIR))
                .hasMessageContaining("Invalid pairs per group");
    }

    /** In-process pairs written as shards and read back train a bit-identical student. */
    @Test
    void studentTrainedFromShardsEqualsTheInProcessStudent() throws IOException {
        int users = 120;
        int items = 150;
        Interactions train = DistillFixtures.powerLaw(users, items, 20, 5);
        Dataset data = new Dataset("synthetic", IdMap.range(users), IdMap.range(items), train, Interactions.empty(users, items),
                Interactions.empty(users, items));
        UnkdConfig config = UnkdConfig.defaults().withCandidates(30).withRatioExponent(1.0).withKdWeight(0.5);
        PopularityGroups groups = config.popularityGroups(train);
        UnbiasedDistiller inProcess = UnbiasedDistiller.prepare(config, DistillFixtures.randomEmbeddings(users, items, 8, 1, 6).scorer(),
                train, groups, ONE);
        long seed = 99;
        int epochs = 3;
        PairShardHeader header = new PairShardHeader(seed, 1, epochs, inProcess.pairsPerGroup(), config.sampleBudget(),
                config.ratioExponent(), config.temperature(), config.tieRedraw());
        Path dir = tmp.resolve("shards");
        PairShards.write(dir, header, data.users(), data.items(), e -> inProcess.redraw(e, Seeds.derive(seed, 1, e), ONE));
        PairShards shards = PairShards.open(dir, data.users(), data.items());
        for (int e = 1; e <= epochs; e++) {
            RankedPairs expected = inProcess.redraw(e, Seeds.derive(seed, 1, e), ONE);
            RankedPairs actual = shards.read(e);
            assertThat(actual.total()).isEqualTo(expected.total()).isPositive();
            for (int u = 0; u < users; u++) {
                assertThat(actual.count(u)).isEqualTo(expected.count(u));
                for (int k = 0; k < expected.count(u); k++) {
                    assertThat(actual.better(u, k)).isEqualTo(expected.better(u, k));
                    assertThat(actual.worse(u, k)).isEqualTo(expected.worse(u, k));
                }
            }
        }
        float[][] a = train(List.of(new dev.unkd.train.BprObjective(1.0), inProcess), data, seed, epochs);
        float[][] b = train(config.objectives(shards), data, seed, epochs);
        assertThat(b[0]).isEqualTo(a[0]);
        assertThat(b[1]).isEqualTo(a[1]);
        // one more epoch than the shards hold: epoch 4 reuses epoch 1's pairs, the in-process run draws new ones
        float[][] c = train(List.of(new dev.unkd.train.BprObjective(1.0), inProcess), data, seed, epochs + 1);
        float[][] d = train(config.objectives(shards), data, seed, epochs + 1);
        assertThat(d[0]).isNotEqualTo(c[0]);
    }

    private static float[][] train(List<BatchObjective> objectives, Dataset data, long seed, int epochs) {
        MatrixFactorization student = MatrixFactorization.initialise(data.numUsers(), data.numItems(), 6, new SplittableRandom(seed));
        TrainingConfig tc = TrainingConfig.defaults();
        new Trainer(new TrainingConfig(tc.lr(), tc.decay(), 128, epochs, 5, 20, seed, true, TrainingConfig.DEFAULT_SELECT_METRIC), new ChunkedExecutor(2),
                TrainingListener.NONE).train(student, data.train(), data.valid(), null, objectives);
        return new float[][] {student.userTable().data(), student.itemTable().data()};
    }
}
