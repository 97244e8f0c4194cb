package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DE-RRD students pinned to the bits they had before DE-RRD was split into its halves
 * ({@link RelaxedRankingTerm}, {@link DistillationExpertsTerm}): hashes of the trained tables,
 * recorded with the code of commit bda8b95 and re-recorded after the LazyAdam fix (2026-12-01),
 * which changes every lazily optimised model.
 */
class DeRrdGoldenTest {
    private static final int USERS = 120;
    private static final int ITEMS = 160;

    static int[] train(DistillerSettings config) {
        Interactions train = DistillFixtures.powerLaw(USERS, ITEMS, 20, 41);
        Dataset data = new Dataset("synthetic", IdMap.range(USERS), IdMap.range(ITEMS), train, Interactions.empty(USERS, ITEMS),
                Interactions.empty(USERS, ITEMS));
        Embeddings t = DistillFixtures.randomEmbeddings(USERS, ITEMS, 12, 1, 42);
        Teacher teacher = new Teacher("random", t.scorer(), Optional.of(t));
        try (ChunkedExecutor executor = new ChunkedExecutor(2)) {
            List<BatchObjective> objectives = config.objectives(teacher, data, executor);
            MatrixFactorization student = MatrixFactorization.initialise(USERS, ITEMS, 6, new SplittableRandom(7));
            TrainingConfig tc = TrainingConfig.defaults();
            new Trainer(new TrainingConfig(tc.lr(), tc.decay(), 128, 3, 5, 20, 2022, true, TrainingConfig.DEFAULT_SELECT_METRIC), executor,
                    TrainingListener.NONE).train(student, train, Interactions.empty(USERS, ITEMS), null, objectives);
            return new int[] {Arrays.hashCode(student.userTable().data()), Arrays.hashCode(student.itemTable().data())};
        }
    }

    @Test
    void deRrdTrainsTheStudentsItTrainedBeforeTheSplit() {
        DeRrdConfig small = DeRrdConfig.defaults().withSampling(30, 8, 10).withDeWeight(0.05).withKdWeight(0.2);
        int[][] got = {
            train(small),
            train(small.withDeEntities(DeEntities.RRD_SAMPLES).withRedrawEveryEpoch(false)),
            train(small.withExperts(3, 2.0, dev.unkd.distill.nn.ExpertActivation.OUTPUT).withSigmoidScores(false)),
        };
        System.out.println("DE-RRD golden " + Arrays.deepToString(got));
        assertThat(got).isDeepEqualTo(GOLDEN);
    }

    private static final int[][] GOLDEN = {{-1074645127, -837743288}, {823452683, 1219252222}, {1034361301, 410897925}};

    /** HTD students pinned to their bits of commit 27f6d24, before its topology kernels were reordered for speed. */
    @Test
    void htdTrainsTheStudentsItTrainedBeforeItsKernelsWereReordered() {
        HtdConfig strong = HtdConfig.defaults().withKdWeight(0.5).withGroups(4);
        int[][] got = {train(strong), train(strong.withPrototypeRelations(PrototypeRelations.ALL_GROUPS).withGateTemperature(1.0))};
        System.out.println("HTD golden " + Arrays.deepToString(got));
        assertThat(got).isDeepEqualTo(HTD_GOLDEN);
    }

    private static final int[][] HTD_GOLDEN = {{1994293168, -1071693721}, {173880246, 37160652}};
}
