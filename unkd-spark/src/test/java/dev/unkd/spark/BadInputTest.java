package dev.unkd.spark;

import dev.unkd.spark.cli.SparkMain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs fail with a message naming the file and the problem. */
class BadInputTest {
    @TempDir
    Path tmp;

    @Test
    void missingColumnIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("split"));
        Files.writeString(dir.resolve("train.csv"), "user,product\na,x\n");
        Files.writeString(dir.resolve("test.csv"), "user,item\na,y\n");
        SparkSession spark = LocalSpark.get();
        assertThatThrownBy(() -> SplitTables.read(spark, dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train.csv").hasMessageContaining("missing column 'item'").hasMessageContaining("product");
        assertThat(SparkMain.execute("evaluate", "--data", dir.toString(), "--model", tmp.resolve("none.unkd").toString()))
                .isEqualTo(SparkMain.FAILED);
    }

    @Test
    void missingSplitPartIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> SplitTables.read(LocalSpark.get(), dir)).hasMessageContaining("no train.txt, train.parquet or train.csv");
    }

    @Test
    void duplicateEmbeddingIdsAndDimensionMismatchAreReported() throws IOException {
        Path dir = SmallSplit.write(tmp.resolve("split"), 3);
        SparkSession spark = LocalSpark.get();
        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, dir));
        Path users = writeVectors(spark, split.users().ids(), 4, tmp.resolve("users.parquet"), false);
        Path items = writeVectors(spark, split.items().ids(), 5, tmp.resolve("items.parquet"), false);
        assertThatThrownBy(() -> FactorEmbeddings.fromParquet(spark, users, items, split))
                .hasMessageContaining("dimension mismatch").hasMessageContaining("4").hasMessageContaining("5");
        Path duplicated = writeVectors(spark, split.items().ids(), 4, tmp.resolve("dup.parquet"), true);
        assertThatThrownBy(() -> FactorEmbeddings.fromParquet(spark, users, duplicated, split))
                .hasMessageContaining("dup.parquet").hasMessageContaining("duplicate id '" + split.items().id(0) + "'");
        Path fewer = writeVectors(spark, split.users().ids().subList(1, split.numUsers()), 4, tmp.resolve("fewer.parquet"), false);
        Path items4 = writeVectors(spark, split.items().ids(), 4, tmp.resolve("items4.parquet"), false);
        assertThatThrownBy(() -> FactorEmbeddings.fromParquet(spark, fewer, items4, split))
                .hasMessageContaining("no vector for user '" + split.users().id(0) + "'");
        assertThat(FactorEmbeddings.fromParquet(spark, users, items4, split).dim()).isEqualTo(4);
    }

    @Test
    void pairsJobNeedsTheListsPopularityFile() throws IOException {
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve(SparkTeacherRanking.ITEMS), "a\nb\nc\n");
        Files.writeString(lists.resolve(SparkTeacherRanking.GROUPS), "a\t0\nb\t1\nc\t1\n");
        assertThatThrownBy(() -> SparkTeacherRanking.readGroups(lists)).hasMessageContaining("popularity.txt")
                .hasMessageContaining("re-run teacher-ranking");
        Files.writeString(lists.resolve(SparkTeacherRanking.POPULARITY), "a\t5\nb\tmany\n");
        assertThatThrownBy(() -> SparkTeacherRanking.readGroups(lists)).hasMessageContaining("popularity.txt:2")
                .hasMessageContaining("'b\tmany'");
        Files.writeString(lists.resolve(SparkTeacherRanking.POPULARITY), "a\t5\nb\t2\n");
        assertThatThrownBy(() -> SparkTeacherRanking.readGroups(lists)).hasMessageContaining("no count for item 'c'");
        Files.writeString(lists.resolve(SparkTeacherRanking.POPULARITY), "a\t5\nb\t2\nc\t3\n");
        var groups = SparkTeacherRanking.readGroups(lists);
        assertThat(new long[] {groups.numGroups(), groups.mass(0), groups.mass(1)}).containsExactly(2, 5, 5);
    }

    private static Path writeVectors(SparkSession spark, List<String> ids, int dim, Path file, boolean duplicateFirst) {
        List<Row> rows = new ArrayList<>();
        for (String id : ids) {
            Float[] v = new Float[dim];
            java.util.Arrays.fill(v, 0.5f);
            rows.add(RowFactory.create(id, v));
        }
        if (duplicateFirst) {
            rows.add(rows.get(0));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType).add("vector", DataTypes.createArrayType(DataTypes.FloatType));
        spark.createDataFrame(rows, schema).write().parquet(file.toString());
        return file;
    }
}
