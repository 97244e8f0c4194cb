package dev.unkd.spark;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.IdMap;
import dev.unkd.data.PopularityGroups;
import dev.unkd.distill.PairShards;
import dev.unkd.io.AtomicFiles;
import dev.unkd.teacher.IdListFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * UnKD's teacher ranking as a Spark job (Chen et al., WSDM 2023, section 4): for every user and
 * popularity group, the group's items the user has not trained on, by teacher score, the best
 * {@code depth} kept; the same lists as {@link dev.unkd.distill.TeacherRanking#grouped}.
 *
 * <p>Output directory: {@code lists/} Parquet (u int, group int, items array&lt;int&gt;, best first)
 * over dense indices, with {@code users.txt} and {@code items.txt} (the external id of every
 * index, one per line, as {@link dev.unkd.teacher.IdListFile}), {@code groups.txt}
 * ({@code item<TAB>group} with external ids, readable by {@link PopularityGroups#read}) and
 * {@code popularity.txt} ({@code item<TAB>training interactions}, every item): with the groups,
 * what the pairs job needs for the core's popularity-ratio allocation ({@link #readGroups}).
 */
public final class SparkTeacherRanking {
    public static final String LISTS = "lists";
    public static final String USERS = "users.txt";
    public static final String ITEMS = "items.txt";
    public static final String GROUPS = "groups.txt";
    public static final String POPULARITY = "popularity.txt";

    private SparkTeacherRanking() {
    }

    /** The lists of every user of the split (not written). */
    public static Dataset<Row> lists(SparkSession spark, IndexedSplit split, FactorEmbeddings teacher, PopularityGroups groups,
            int depth, int partitions) {
        if (groups.numItems() != split.numItems()) {
            throw new IllegalArgumentException("popularity groups cover " + groups.numItems() + " items, data has " + split.numItems());
        }
        int[][] members = new int[groups.numGroups()][];
        for (int g = 0; g < members.length; g++) {
            members[g] = groups.members(g);
        }
        Dataset<Row> users = IndexedSplit.indexTable(spark, split.users(), "id", IndexedSplit.U);
        return TopLists.rank(spark, teacher, users, split.train(), split.numItems(), members, depth, partitions);
    }

    /** @param popularity training interactions per item, the counts {@code groups} were split from */
    public static void write(Dataset<Row> lists, IndexedSplit split, PopularityGroups groups, int[] popularity, Path out)
            throws IOException {
        Files.createDirectories(out);
        lists.write().mode("overwrite").parquet(out.resolve(LISTS).toString());
        PairShards.writeIds(split.users(), out.resolve(USERS));
        PairShards.writeIds(split.items(), out.resolve(ITEMS));
        AtomicFiles.writeText(out.resolve(GROUPS), w -> {
            for (int i = 0; i < groups.numItems(); i++) {
                if (groups.groupOf(i) != PopularityGroups.NONE) {
                    w.write(split.items().id(i) + "\t" + groups.groupOf(i) + "\n");
                }
            }
        });
        AtomicFiles.writeText(out.resolve(POPULARITY), w -> {
            for (int i = 0; i < popularity.length; i++) {
                w.write(split.items().id(i) + "\t" + popularity[i] + "\n");
            }
        });
    }

    /** The popularity groups of a written output, with the item popularity they were split from. */
    public static PopularityGroups readGroups(Path dir) throws IOException {
        IdMap items = IdMap.of(IdListFile.read(dir.resolve(ITEMS)));
        Path file = dir.resolve(POPULARITY);
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, "missing (written by teacher-ranking since the pairs job allocates by popularity;"
                    + " re-run teacher-ranking)");
        }
        int[] popularity = new int[items.size()];
        java.util.Arrays.fill(popularity, -1);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int ln = 0; ln < lines.size(); ln++) {
            String[] f = lines.get(ln).split("\t");
            int i = f.length == 2 ? items.indexOf(f[0]) : -1;
            if (i < 0 || !f[1].matches("\\d{1,9}")) {
                throw new DataFormatException(file, ln + 1, "expected 'item TAB count' with an item of " + ITEMS + ", found '"
                        + lines.get(ln) + "'");
            }
            popularity[i] = Integer.parseInt(f[1]);
        }
        for (int i = 0; i < popularity.length; i++) {
            if (popularity[i] < 0) {
                throw new DataFormatException(file, 0, "no count for item '" + items.id(i) + "'");
            }
        }
        return PopularityGroups.read(dir.resolve(GROUPS), items, popularity);
    }
}
