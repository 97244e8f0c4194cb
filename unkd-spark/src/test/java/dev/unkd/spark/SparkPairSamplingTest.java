package dev.unkd.spark;

import dev.unkd.spark.cli.SparkMain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.data.SplitDirectory;
import dev.unkd.distill.PairAllocation;
import dev.unkd.distill.PairShards;
import dev.unkd.distill.RankedPairs;
import dev.unkd.distill.TieRedraw;
import dev.unkd.distill.UnbiasedDistiller;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairs job through its command line: its shards, read back by the core, equal the in-memory
 * distiller's pairs for pair with either tie rule and allocation, and a student trained from
 * them is bit-identical to the in-process student.
 */
class SparkPairSamplingTest {
    private static final long SEED = 2022;
    private static final int EPOCHS = 3;
    private static final ChunkedExecutor TWO = new ChunkedExecutor(2);

    @TempDir
    Path tmp;

    @Test
    void shardsEqualTheInMemoryDistillerAndTrainTheSameStudent() throws IOException {
        LocalSpark.get(); // the commands reuse the running session and its settings
        Path dir = SmallSplit.write(tmp.resolve("split"), 11);
        Dataset core = SplitDirectory.read(dir);
        MatrixFactorization teacher = new MatrixFactorization(SmallSplit.embeddings(core.numUsers(), 8, 12),
                SmallSplit.embeddings(core.numItems(), 8, 13));
        Path model = tmp.resolve("teacher.unkd");
        ModelFile.save(Models.toSaved(teacher, core, Map.of()), model);
        Path lists = tmp.resolve("lists");
        assertThat(SparkMain.execute("teacher-ranking", "--model", model.toString(), "--data", dir.toString(), "--depth", "12",
                "--partitions", "2", "--out", lists.toString())).isZero();

        Object[][] cases = {{TieRedraw.PAIR, 0.0}, {TieRedraw.GROUP, 1.5}};
        for (Object[] c : cases) {
            TieRedraw tieRedraw = (TieRedraw) c[0];
            double lambda = (Double) c[1];
            UnkdConfig config = UnkdConfig.defaults().withCandidates(12).withTieRedraw(tieRedraw).withRatioExponent(lambda).withKdWeight(0.5);
            PopularityGroups groups = config.popularityGroups(core.train());
            UnbiasedDistiller distiller = UnbiasedDistiller.prepare(config, teacher.scorer(), core.train(), groups, TWO);
            Path out = tmp.resolve("pairs-" + tieRedraw);
            assertThat(SparkMain.execute("unkd-pairs", "--lists", lists.toString(), "--epochs", String.valueOf(EPOCHS), "--seed",
                    String.valueOf(SEED), "--ratio-exponent", String.valueOf(lambda), "--tie-redraw", tieRedraw.name(), "--partitions", "2",
                    "--out", out.toString())).isZero();
            try (Stream<Path> files = Files.list(out.resolve("epoch=1"))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-"))).isNotEmpty().allMatch(n -> n.endsWith(".gz"));
            }

            PairShards shards = PairShards.open(out, core.users(), core.items());
            int[] expectedAllocation = config.pairsPerGroup(groups);
            assertThat(shards.pairsPerGroup()).as("allocation, lambda %s", lambda).containsExactly(expectedAllocation);
            if (lambda != 0) { // the ratio allocation is in force, not equal shares
                assertThat(expectedAllocation).isNotEqualTo(PairAllocation.equal(config.sampleBudget(), groups.numGroups()));
            }
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                RankedPairs expected = distiller.redraw(epoch, Seeds.derive(SEED, 1, epoch), TWO);
                RankedPairs actual = shards.read(epoch);
                assertThat(actual.total()).isEqualTo(expected.total()).isPositive();
                for (int u = 0; u < core.numUsers(); u++) {
                    assertThat(actual.count(u)).as("%s epoch %d user %d", tieRedraw, epoch, u).isEqualTo(expected.count(u));
                    for (int k = 0; k < expected.count(u); k++) {
                        assertThat(actual.better(u, k)).isEqualTo(expected.better(u, k));
                        assertThat(actual.worse(u, k)).isEqualTo(expected.worse(u, k));
                    }
                }
            }
            float[][] inProcess = student(core, List.of(new BprObjective(1.0), distiller));
            float[][] fromShards = student(core, config.objectives(shards));
            assertThat(fromShards[0]).as("%s student users", tieRedraw).isEqualTo(inProcess[0]);
            assertThat(fromShards[1]).as("%s student items", tieRedraw).isEqualTo(inProcess[1]);
        }
    }

    private static float[][] student(Dataset data, List<BatchObjective> objectives) {
        MatrixFactorization student = MatrixFactorization.initialise(data.numUsers(), data.numItems(), 4, new SplittableRandom(SEED));
        TrainingConfig tc = TrainingConfig.defaults();
        new Trainer(new TrainingConfig(tc.lr(), tc.decay(), 128, EPOCHS, 5, 20, SEED, true, TrainingConfig.DEFAULT_SELECT_METRIC), TWO, TrainingListener.NONE)
                .train(student, data.train(), data.valid(), null, objectives);
        return new float[][] {student.userTable().data(), student.itemTable().data()};
    }
}
