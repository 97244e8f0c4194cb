package dev.unkd.spark.cli;

import dev.unkd.data.PopularityGroups;
import dev.unkd.distill.TeacherRanking;
import dev.unkd.spark.FactorEmbeddings;
import dev.unkd.spark.IndexedSplit;
import dev.unkd.spark.SparkTeacherRanking;
import dev.unkd.spark.SplitTables;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd spark teacher-ranking}: UnKD's per (user, popularity group) teacher lists as Parquet. */
@Command(name = "teacher-ranking", mixinStandardHelpOptions = true,
        description = "Per user and popularity group, the teacher's top-N unobserved items (UnKD), written as Parquet.")
public final class TeacherRankingCommand implements Callable<Integer> {
    @Mixin
    SparkOptions sparkOptions;
    @Mixin
    ModelOptions teacher;

    @Option(names = "--data", required = true, description = "Split directory: train, test and optional valid as .txt, .parquet or .csv.")
    Path data;

    @Option(names = "--groups", description = "Popularity groups K (default: ${DEFAULT-VALUE}).")
    int groups = 4;

    @Option(names = "--zero-in-last-group", description = "Put items without training interactions in the last group (default: in none, as the authors).")
    boolean zeroInLastGroup;

    @Option(names = "--depth", description = "Candidates N per (user, group) (default: ${DEFAULT-VALUE}).")
    int depth = TeacherRanking.DEFAULT_DEPTH;

    @Option(names = "--out", required = true, description = "Output directory (lists/, users.txt, items.txt, groups.txt, popularity.txt).")
    Path out;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = sparkOptions.start("teacher-ranking");
        PhaseClock clock = new PhaseClock();
        IndexedSplit split = IndexedSplit.index(spark, SplitTables.read(spark, data));
        clock.mark("ids");
        int[] itemPopularity = split.itemPopularity();
        PopularityGroups popularity = PopularityGroups.split(itemPopularity, groups, zeroInLastGroup);
        clock.mark("groups");
        FactorEmbeddings model = teacher.load(spark, split);
        clock.mark("teacher");
        var lists = SparkTeacherRanking.lists(spark, split, model, popularity, depth, sparkOptions.partitions);
        SparkTeacherRanking.write(lists, split, popularity, itemPopularity, out);
        clock.mark("rank + write");
        System.out.printf("teacher lists of %d users x %d groups (depth %d) -> %s (%s)%n", split.numUsers(), popularity.numGroups(),
                depth, out, clock.summary());
        return 0;
    }
}
