package dev.unkd.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.Scorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeachersTest {
    @TempDir
    Path dir;

    private static final int USERS = 5;
    private static final int ITEMS = 7;
    private static final int DIM = 3;

    /** Non-numeric ids, so that the mapping by id is really exercised. */
    private final IdMap users = IdMap.of(List.of("ann", "bob", "cid", "dee", "eve"));
    private final IdMap items = IdMap.of(List.of("i10", "i11", "i12", "i13", "i14", "i15", "i16"));
    private final Dataset data = new Dataset("tiny", users, items,
            Interactions.of(USERS, ITEMS, new int[] {0, 1, 2, 3, 4}, new int[] {0, 1, 2, 3, 4}),
            Interactions.empty(USERS, ITEMS), Interactions.empty(USERS, ITEMS));
    private final MatrixFactorization mf = MatrixFactorization.initialise(USERS, ITEMS, DIM, new SplittableRandom(3));

    private void assertSameScores(Scorer a, Scorer b) {
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                assertThat(b.score(u, i)).as("(%d, %d)", u, i).isEqualTo(a.score(u, i));
            }
        }
    }

    @Test
    void modelFileRoundTrip() throws IOException {
        Path file = dir.resolve("teacher.unkd");
        ModelFile.save(Models.toSaved(mf, data, Map.of()), file);
        Teacher t = Teachers.fromModelFile(file, data);
        assertSameScores(mf.scorer(), t.scorer());
        assertThat(t.embeddings()).isPresent();
        assertThat(t.source()).contains("teacher.unkd");
    }

    @Test
    void embeddingsInDatasetOrderRoundTripInEveryFormat() throws IOException {
        for (String ext : new String[] {".npy", ".csv", ".tsv", ".txt"}) {
            Path u = dir.resolve("users" + ext);
            Path i = dir.resolve("items" + ext);
            writeMatrix(u, mf.userTable());
            writeMatrix(i, mf.itemTable());
            Teacher t = Teachers.fromEmbeddings(EmbeddingFiles.of(u, i), data);
            assertSameScores(mf.scorer(), t.scorer());
            assertThat(t.embeddings()).isPresent();
        }
    }

    private static void writeMatrix(Path p, EmbeddingTable t) throws IOException {
        String name = p.getFileName().toString();
        if (name.endsWith(".npy")) {
            NpyFile.write(p, t);
        } else {
            DelimitedMatrix.write(p, t, name.endsWith(".csv") ? ',' : name.endsWith(".tsv") ? '\t' : ' ');
        }
    }

    /** Rows of {@code t} in the order of {@code order} (dataset indices), plus extra rows for unknown ids. */
    private Path[] shuffled(EmbeddingTable t, IdMap ids, List<Integer> order, int extra, String name) throws IOException {
        float[] data = new float[(order.size() + extra) * DIM];
        List<String> idLines = new ArrayList<>();
        for (int r = 0; r < order.size(); r++) {
            System.arraycopy(t.data(), order.get(r) * DIM, data, r * DIM, DIM);
            idLines.add(ids.id(order.get(r)));
        }
        for (int e = 0; e < extra; e++) {
            idLines.add("unknown" + e);
            data[(order.size() + e) * DIM] = 99;
        }
        Path m = dir.resolve(name + ".npy");
        NpyFile.write(m, new EmbeddingTable(order.size() + extra, DIM, data));
        Path idFile = dir.resolve(name + ".ids");
        Files.write(idFile, idLines);
        return new Path[] {m, idFile};
    }

    private static List<Integer> permutation(int n, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            order.add(k);
        }
        Collections.shuffle(order, new java.util.Random(seed));
        return order;
    }

    @Test
    void idListsMapRowsToDatasetIdsAndIgnoreUnknownIds() throws IOException {
        Path[] u = shuffled(mf.userTable(), users, permutation(USERS, 1), 2, "u");
        Path[] i = shuffled(mf.itemTable(), items, permutation(ITEMS, 2), 3, "i");
        Teacher t = Teachers.fromEmbeddings(EmbeddingFiles.of(u[0], i[0]).withIds(u[1], i[1]), data);
        assertSameScores(mf.scorer(), t.scorer());
        assertThat(t.source()).contains("2 user and 3 item rows not in the dataset ignored");
    }

    @Test
    void missingIdsAreErrorsOrExcludedItems() throws IOException {
        List<Integer> someItems = new ArrayList<>(permutation(ITEMS, 3));
        int dropped = someItems.remove(0);
        Path[] i = shuffled(mf.itemTable(), items, someItems, 0, "i");
        Path[] u = shuffled(mf.userTable(), users, permutation(USERS, 4), 0, "u");
        EmbeddingFiles files = EmbeddingFiles.of(u[0], i[0]).withIds(u[1], i[1]);
        assertThatThrownBy(() -> Teachers.fromEmbeddings(files, data)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("i.ids").hasMessageContaining("1 of 7 dataset item ids").hasMessageContaining(items.id(dropped));
        Teacher t = Teachers.fromEmbeddings(files.withMissingItems(MissingItems.EXCLUDE), data);
        float[] row = new float[ITEMS];
        for (int user = 0; user < USERS; user++) {
            assertThat(t.scorer().score(user, dropped)).isEqualTo(Float.NEGATIVE_INFINITY);
            t.scorer().scoreAll(user, row);
            for (int item = 0; item < ITEMS; item++) {
                assertThat(row[item]).isEqualTo(item == dropped ? Float.NEGATIVE_INFINITY : mf.scorer().score(user, item));
            }
        }
        List<Integer> someUsers = new ArrayList<>(permutation(USERS, 5));
        someUsers.remove(0);
        Path[] fewUsers = shuffled(mf.userTable(), users, someUsers, 0, "fu");
        EmbeddingFiles noUser = EmbeddingFiles.of(fewUsers[0], i[0]).withIds(fewUsers[1], i[1]).withMissingItems(MissingItems.EXCLUDE);
        assertThatThrownBy(() -> Teachers.fromEmbeddings(noUser, data)).hasMessageContaining("fu.ids")
                .hasMessageContaining("1 of 5 dataset user ids");
    }

    @Test
    void shapeMismatchesNameTheFile() throws IOException {
        Path u = dir.resolve("users.npy");
        Path i = dir.resolve("items.npy");
        NpyFile.write(u, mf.userTable());
        NpyFile.write(i, new EmbeddingTable(ITEMS, DIM + 1));
        assertThatThrownBy(() -> Teachers.fromEmbeddings(EmbeddingFiles.of(u, i), data)).hasMessageContaining("items.npy")
                .hasMessageContaining("4 columns");
        NpyFile.write(i, new EmbeddingTable(ITEMS - 1, DIM));
        assertThatThrownBy(() -> Teachers.fromEmbeddings(EmbeddingFiles.of(u, i), data)).hasMessageContaining("items.npy")
                .hasMessageContaining("has 6 rows, the dataset has 7 items");
        NpyFile.write(i, mf.itemTable());
        Path ids = dir.resolve("short.ids");
        Files.write(ids, List.of("ann", "bob"));
        Path itemIds = dir.resolve("items.ids");
        Files.write(itemIds, items.ids());
        assertThatThrownBy(() -> Teachers.fromEmbeddings(EmbeddingFiles.of(u, i).withIds(ids, itemIds), data))
                .hasMessageContaining("short.ids").hasMessageContaining("lists 2 user ids");
        Files.write(ids, List.of("ann", "bob", "ann", "dee", "eve"));
        assertThatThrownBy(() -> Teachers.fromEmbeddings(EmbeddingFiles.of(u, i).withIds(ids, itemIds), data))
                .hasMessageContaining("short.ids:3").hasMessageContaining("duplicate id 'ann'");
    }

    @Test
    void delimitedTextErrorsNameFileAndLine() throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n4,5,6\n");
        EmbeddingTable t = DelimitedMatrix.read(csv); // header skipped
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.data()).containsExactly(1, 2, 3, 4, 5, 6);
        Files.writeString(csv, "1,2,3\n4,5\n");
        assertThatThrownBy(() -> DelimitedMatrix.read(csv)).hasMessageContaining("m.csv:2").hasMessageContaining("2 values");
        Files.writeString(csv, "1,2,3\n4,x,6\n");
        assertThatThrownBy(() -> DelimitedMatrix.read(csv)).hasMessageContaining("m.csv:2").hasMessageContaining("'x'");
        Files.writeString(csv, "1,2,3\n4,NaN,6\n");
        assertThatThrownBy(() -> DelimitedMatrix.read(csv)).hasMessageContaining("m.csv:2").hasMessageContaining("finite");
        Files.writeString(csv, "# only a comment\n");
        assertThatThrownBy(() -> DelimitedMatrix.read(csv)).hasMessageContaining("no rows");
    }

    @Test
    void scoreFileRoundTripAndUnlistedPairs() throws IOException {
        Path f = dir.resolve("scores.tsv");
        Files.writeString(f, "user\titem\tscore\n# comment\nbob\ti12\t0.5\nann\ti16\t2\nbob\ti10\t-1.25\nzed\ti10\t3\nann\tnope\t1\n");
        Teacher t = Teachers.fromScores(f, data);
        Scorer s = t.scorer();
        assertThat(s.score(1, 2)).isEqualTo(0.5f);
        assertThat(s.score(0, 6)).isEqualTo(2f);
        assertThat(s.score(1, 0)).isEqualTo(-1.25f);
        assertThat(s.score(0, 0)).isEqualTo(Float.NEGATIVE_INFINITY);
        float[] row = new float[ITEMS];
        s.scoreAll(1, row);
        assertThat(row).containsExactly(-1.25f, Float.NEGATIVE_INFINITY, 0.5f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertThat(t.embeddings()).isEmpty();
        assertThat(t.source()).contains("3 pairs").contains("2 lines with ids not in the dataset skipped");
    }

    @Test
    void unkdFromAScoreFileOnlyPairsListedItems() throws IOException {
        Path f = dir.resolve("scores.txt");
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i += 2) { // even items only
                sb.append(users.id(u)).append(' ').append(items.id(i)).append(' ').append(mf.scorer().score(u, i)).append('\n');
            }
        }
        Files.writeString(f, sb);
        Teacher t = Teachers.fromScores(f, data);
        dev.unkd.parallel.ChunkedExecutor one = new dev.unkd.parallel.ChunkedExecutor(1);
        dev.unkd.distill.UnkdConfig config = dev.unkd.distill.UnkdConfig.defaults().withGroups(1);
        dev.unkd.distill.UnbiasedDistiller d = dev.unkd.distill.UnbiasedDistiller.prepare(config, t.scorer(), data.train(),
                dev.unkd.data.PopularityGroups.split(data.train(), 1, true), one);
        dev.unkd.distill.RankedPairs pairs = d.redraw(1, 1, one);
        long seen = 0;
        for (int u = 0; u < USERS; u++) {
            for (int k = 0; k < pairs.count(u); k++) {
                assertThat(pairs.better(u, k) % 2).isZero();
                assertThat(pairs.worse(u, k) % 2).isZero();
                assertThat(mf.scorer().score(u, pairs.better(u, k))).isGreaterThan(mf.scorer().score(u, pairs.worse(u, k)));
                seen++;
            }
        }
        assertThat(seen).isPositive();
    }

    @Test
    void scoreFileErrorsNameFileAndLine() throws IOException {
        Path f = dir.resolve("s.txt");
        Files.writeString(f, "ann i10 1\nbob i11\n");
        assertThatThrownBy(() -> Teachers.fromScores(f, data)).hasMessageContaining("s.txt:2").hasMessageContaining("found 2 fields");
        Files.writeString(f, "ann i10 1\nbob i11 high\n");
        assertThatThrownBy(() -> Teachers.fromScores(f, data)).hasMessageContaining("s.txt:2").hasMessageContaining("'high'");
        Files.writeString(f, "ann i10 1\nbob i11 2\nann i10 3\n");
        assertThatThrownBy(() -> Teachers.fromScores(f, data)).hasMessageContaining("s.txt:3")
                .hasMessageContaining("user 'ann', item 'i10'").hasMessageContaining("line 1");
        Files.writeString(f, "1 2 0.5\n3 4 0.1\n");
        assertThatThrownBy(() -> Teachers.fromScores(f, data)).hasMessageContaining("s.txt").hasMessageContaining("none of its 2");
        Files.writeString(f, "ann,i10,Infinity\n");
        assertThatThrownBy(() -> Teachers.fromScores(f, data)).hasMessageContaining("s.txt:1").hasMessageContaining("finite");
    }
}
