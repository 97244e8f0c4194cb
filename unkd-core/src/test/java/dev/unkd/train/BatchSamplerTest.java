package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Interactions;
import dev.unkd.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
    private static final Interactions TRAIN = TestData.clustered(300, 90, 12, 4).train();

    private static List<long[]> epoch(BatchSampler sampler, long seed, boolean drawAhead) {
        sampler.startEpoch(new SplittableRandom(seed));
        List<long[]> triples = new ArrayList<>();
        sampler.draw(0);
        for (int b = 0; b < sampler.batches(); b++) {
            if (drawAhead && b + 1 < sampler.batches()) {
                sampler.draw(b + 1); // what the trainer does while batch b's gradients are computed
            }
            Batch batch = sampler.batch(1, b);
            for (int k = 0; k < batch.size(); k++) {
                triples.add(new long[] {batch.users()[k], batch.positives()[k], batch.negatives()[k]});
            }
            if (!drawAhead && b + 1 < sampler.batches()) {
                sampler.draw(b + 1);
            }
        }
        return triples;
    }

    @Test
    void anEpochVisitsEveryTrainingPairOnceWithANegativeOfItsUser() {
        List<long[]> triples = epoch(new BatchSampler(TRAIN, 64, PairSampling.INTERACTIONS, NegativeSampling.UNIFORM), 3, true);
        assertThat(triples).hasSize(TRAIN.size());
        long[] pairs = triples.stream().mapToLong(t -> t[0] * TRAIN.numItems() + t[1]).sorted().toArray();
        assertThat(pairs).doesNotHaveDuplicates();
        for (long[] t : triples) {
            assertThat(TRAIN.contains((int) t[0], (int) t[1])).isTrue();
            assertThat(TRAIN.contains((int) t[0], (int) t[2])).isFalse();
        }
    }

    @Test
    void drawingTheNextBatchAheadChangesNoBatch() {
        for (PairSampling sampling : PairSampling.values()) {
            for (NegativeSampling negatives : new NegativeSampling[] {NegativeSampling.UNIFORM, new NegativeSampling(0.5)}) {
                List<long[]> ahead = epoch(new BatchSampler(TRAIN, 50, sampling, negatives), 9, true);
                List<long[]> inTurn = epoch(new BatchSampler(TRAIN, 50, sampling, negatives), 9, false);
                assertThat(ahead).as("%s %s", sampling, negatives).hasSameSizeAs(inTurn);
                for (int k = 0; k < ahead.size(); k++) {
                    assertThat(ahead.get(k)).containsExactly(inTurn.get(k));
                }
            }
        }
    }
}
