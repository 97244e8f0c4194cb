package dev.unkd.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.data.SplitDirectory;
import dev.unkd.distill.RankedPairs;
import dev.unkd.distill.TeacherRanking;
import dev.unkd.distill.TieRedraw;
import dev.unkd.distill.UnbiasedDistiller;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Pairs drawn by the Spark job, written and read back, equal the in-memory distiller's pair for pair. */
class SparkPairSamplingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TieRedraw.class)
    void pairsEqualTheInMemoryDistillerInEveryEpoch(TieRedraw tieRedraw) throws IOException {
        Path dir = SmallSplit.write(tmp.resolve("split"), 11);
        SparkSession spark = LocalSpark.get();
        Dataset core = SplitDirectory.read(dir);
        EmbeddingTable users = SmallSplit.embeddings(core.numUsers(), 8, 12);
        EmbeddingTable items = SmallSplit.embeddings(core.numItems(), 8, 13);
        UnkdConfig config = UnkdConfig.defaults().withCandidates(12).withTieRedraw(tieRedraw);
        PopularityGroups groups = config.popularityGroups(core.train());
        TeacherRanking ranking = TeacherRanking.grouped(new FactorScorer(users, items), core.train(), groups, config.candidates(),
                new ChunkedExecutor(2));
        UnbiasedDistiller distiller = new UnbiasedDistiller(config, ranking, groups, 0);
        long seed = 2022;

        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, dir));
        var lists = SparkTeacherRanking.lists(spark, split, FactorEmbeddings.fromTables(spark, "test", users, items),
                split.groups(config.groups(), false), config.candidates(), 2);
        int[] perGroup = config.pairsPerGroup(groups);
        Path out = tmp.resolve("pairs");
        SparkPairSampling.write(SparkPairSampling.sample(lists, perGroup, config.temperature(), tieRedraw, seed, 1, 3, 2), out);

        int stride = java.util.Arrays.stream(perGroup).sum();
        for (int epoch = 1; epoch <= 3; epoch++) {
            RankedPairs expected = distiller.redraw(Seeds.derive(seed, 1, epoch), new ChunkedExecutor(2));
            PairShards actual = PairShards.read(spark, out, epoch, core.numUsers(), stride);
            for (int u = 0; u < core.numUsers(); u++) {
                assertThat(actual.count(u)).as("epoch %d user %d", epoch, u).isEqualTo(expected.count(u));
                for (int k = 0; k < expected.count(u); k++) {
                    assertThat(actual.better(u, k)).isEqualTo(expected.better(u, k));
                    assertThat(actual.worse(u, k)).isEqualTo(expected.worse(u, k));
                }
            }
        }
    }
}
