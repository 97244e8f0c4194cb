package dev.unkd.spark;

import dev.unkd.data.IdMap;
import dev.unkd.data.PopularityGroups;
import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * index, one per line, as {@link dev.unkd.teacher.IdListFile}) and {@code groups.txt}
 * ({@code item<TAB>group} with external ids, readable by {@link PopularityGroups#read}).
 */
public final class SparkTeacherRanking {
    public static final String LISTS = "lists";
    public static final String USERS = "users.txt";
    public static final String ITEMS = "items.txt";
    public static final String GROUPS = "groups.txt";

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

    public static void write(Dataset<Row> lists, IndexedSplit split, PopularityGroups groups, Path out) throws IOException {
        Files.createDirectories(out);
        lists.write().mode("overwrite").parquet(out.resolve(LISTS).toString());
        writeIds(split.users(), out.resolve(USERS));
        writeIds(split.items(), out.resolve(ITEMS));
        AtomicFiles.writeText(out.resolve(GROUPS), w -> {
            for (int i = 0; i < groups.numItems(); i++) {
                if (groups.groupOf(i) != PopularityGroups.NONE) {
                    w.write(split.items().id(i) + "\t" + groups.groupOf(i) + "\n");
                }
            }
        });
    }

    static void writeIds(IdMap ids, Path file) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (int k = 0; k < ids.size(); k++) {
                w.write(ids.id(k));
                w.write('\n');
            }
        });
    }
}
