package dev.unkd.spark.cli;

import dev.unkd.spark.SyntheticSplit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd spark generate}: a large synthetic power-law split with random teacher embeddings, as Parquet. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic power-law split (train/test Parquet) and random embeddings for scale runs.")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--users", description = "Users (default: ${DEFAULT-VALUE}).")
    int users = 1_000_000;

    @Option(names = "--items", description = "Items (default: ${DEFAULT-VALUE}).")
    int items = 200_000;

    @Option(names = "--interactions", description = "Interactions, about (default: ${DEFAULT-VALUE}).")
    long interactions = 50_000_000L;

    @Option(names = "--skew", description = "Power of the item law, >= 1 (default: ${DEFAULT-VALUE}).")
    double skew = 3;

    @Option(names = "--dim", description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int dim = 32;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 2022;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() {
        SparkSession spark = sparkOptions.start("generate");
        long start = System.nanoTime();
        SyntheticSplit.write(spark, new SyntheticSplit.Options(users, items, interactions, skew, dim, seed, sparkOptions.partitions), out);
        System.out.printf("synthetic split %d users x %d items, ~%d interactions -> %s (%.1f s)%n", users, items, interactions, out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
