package dev.unkd.spark.cli;

import dev.unkd.distill.PairAllocation;
import dev.unkd.distill.TieRedraw;
import dev.unkd.spark.SparkPairSampling;
import dev.unkd.spark.SparkTeacherRanking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd spark unkd-pairs}: UnKD's pairs for E epochs from the lists of {@code teacher-ranking}. */
@Command(name = "unkd-pairs", mixinStandardHelpOptions = true,
        description = "Draw UnKD's per-epoch pairs (equal shares per group) from teacher lists, as Parquet partitioned by epoch.")
public final class PairsCommand implements Callable<Integer> {
    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--lists", required = true, description = "Output directory of teacher-ranking.")
    Path lists;

    @Option(names = "--epochs", description = "Epochs to draw (default: ${DEFAULT-VALUE}).")
    int epochs = 1;

    @Option(names = "--first-epoch", description = "First epoch number, 1-based as the trainer (default: ${DEFAULT-VALUE}).")
    int firstEpoch = 1;

    @Option(names = "--seed", description = "Seed of the training run the pairs are for (default: ${DEFAULT-VALUE}).")
    long seed = 2022;

    @Option(names = "--sample-num", description = "Pair budget per user and epoch, split equally over the groups (default: ${DEFAULT-VALUE}).")
    int sampleNum = 30;

    @Option(names = "--temperature", description = "Rank law temperature mu (default: ${DEFAULT-VALUE}).")
    double temperature = 20;

    @Option(names = "--tie-redraw", description = "PAIR or GROUP (default: ${DEFAULT-VALUE}).")
    TieRedraw tieRedraw = TieRedraw.PAIR;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = sparkOptions.start("unkd-pairs");
        long start = System.nanoTime();
        Path listDir = lists.resolve(SparkTeacherRanking.LISTS);
        if (!Files.isDirectory(listDir)) {
            throw new IllegalArgumentException(lists + ": no " + SparkTeacherRanking.LISTS + "/ (run teacher-ranking first)");
        }
        Dataset<Row> table = spark.read().parquet(listDir.toString());
        int groups = 1 + (Integer) table.agg(org.apache.spark.sql.functions.max("group")).first().get(0);
        int[] perGroup = PairAllocation.equal(sampleNum, groups);
        SparkPairSampling.write(SparkPairSampling.sample(table, perGroup, temperature, tieRedraw, seed, firstEpoch, epochs,
                sparkOptions.partitions), out);
        System.out.printf("pairs %s per group, epochs %d..%d -> %s (%.1f s)%n", Arrays.toString(perGroup), firstEpoch,
                firstEpoch + epochs - 1, out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
