package dev.unkd.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FactorScorerTest {
    @Test
    void allScoringPathsGiveBitIdenticalDotProducts() {
        // 1,300 items span three tiles, the last one partial; 7 users exercise the 4-user and single-user paths
        for (int dim : new int[] {1, 10, 33}) {
            EmbeddingTable users = EmbeddingTable.xavierUniform(7, dim, new SplittableRandom(dim));
            EmbeddingTable items = EmbeddingTable.xavierUniform(1300, dim, new SplittableRandom(dim + 1));
            FactorScorer scorer = new FactorScorer(users, items);
            int[] ids = {6, 0, 3, 3, 5, 1, 2};
            float[][] block = new float[ids.length][1300];
            scorer.scoreBlock(ids, 0, ids.length, block);
            float[] all = new float[1300];
            for (int b = 0; b < ids.length; b++) {
                scorer.scoreAll(ids[b], all);
                for (int i = 0; i < 1300; i++) {
                    double exact = 0;
                    for (int d = 0; d < dim; d++) {
                        exact += (double) users.get(ids[b], d) * items.get(i, d);
                    }
                    assertThat(block[b][i]).isEqualTo(scorer.score(ids[b], i)).isEqualTo(all[i]);
                    assertThat((double) all[i]).isCloseTo(exact, org.assertj.core.api.Assertions.within(1e-5));
                }
            }
        }
    }

    @Test
    void blockOffsetsAreRespected() {
        EmbeddingTable users = EmbeddingTable.xavierUniform(9, 4, new SplittableRandom(1));
        EmbeddingTable items = EmbeddingTable.xavierUniform(20, 4, new SplittableRandom(2));
        FactorScorer scorer = new FactorScorer(users, items);
        int[] ids = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        float[][] out = new float[5][20];
        scorer.scoreBlock(ids, 3, 8, out);
        for (int b = 0; b < 5; b++) {
            for (int i = 0; i < 20; i++) {
                assertThat(out[b][i]).isEqualTo(scorer.score(ids[3 + b], i));
            }
        }
    }
}
