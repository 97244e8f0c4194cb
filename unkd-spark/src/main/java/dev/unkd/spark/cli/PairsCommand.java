package dev.unkd.spark.cli;

import dev.unkd.distill.PairShardHeader;
import dev.unkd.distill.TieRedraw;
import dev.unkd.distill.UnkdConfig;
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
        description = {"Draw UnKD's per-epoch pairs from teacher lists, with the core's allocation, law and seed scheme,",
            "as pair shards (gzipped text per epoch=E/, users.txt, items.txt, pairs.json) for 'unkd distill --pairs DIR'.",
            "Draw as many epochs as the student trains: it reuses the epochs held cyclically."})
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

    @Option(names = "--sample-num", description = "Pair budget per user and epoch, split over the groups (default: ${DEFAULT-VALUE}).")
    int sampleNum = UnkdConfig.defaults().sampleBudget();

    @Option(names = "--ratio-exponent", description = "lambda of the popularity-ratio allocation of the budget to groups, as"
            + " 'unkd distill --ratio-exponent' (default: ${DEFAULT-VALUE} = equal shares).")
    double ratioExponent = UnkdConfig.defaults().ratioExponent();

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
        // the core's rule on the groups the lists were ranked in (UnkdConfig.pairsPerGroup)
        UnkdConfig config = UnkdConfig.defaults().withSampleBudget(sampleNum).withRatioExponent(ratioExponent).withTemperature(temperature)
                .withTieRedraw(tieRedraw);
        int[] perGroup = config.pairsPerGroup(SparkTeacherRanking.readGroups(lists));
        PairShardHeader header = new PairShardHeader(seed, firstEpoch, epochs, perGroup, sampleNum, ratioExponent, temperature, tieRedraw);
        SparkPairSampling.write(SparkPairSampling.sample(table, perGroup, temperature, tieRedraw, seed, firstEpoch, epochs,
                sparkOptions.partitions), header, lists, out);
        System.out.printf("pairs %s per group, epochs %d..%d -> %s (%.1f s)%n", Arrays.toString(perGroup), firstEpoch,
                firstEpoch + epochs - 1, out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
