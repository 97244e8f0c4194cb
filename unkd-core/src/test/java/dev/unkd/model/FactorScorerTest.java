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

    @Test
    void blockedKernelsMatchScoreBitForBitForAnyShape() {
        // dims around the 4-dimension passes, item counts around the 512-item tile and the vector
        // widths, blocks of 1..9 users (the two-user pairs and the odd user); entries include
        // signed zeros so a -0 product must sum from +0 as in score()
        for (int dim : new int[] {1, 2, 3, 4, 5, 7, 8, 10, 100}) {
            for (int numItems : new int[] {1, 15, 17, 511, 512, 513, 1300}) {
                FactorScorer scorer = new FactorScorer(withZeros(11, dim, dim * 31L), withZeros(numItems, dim, numItems + dim));
                for (int size = 1; size <= 9; size++) {
                    int[] ids = new int[size + 2];
                    for (int b = 0; b < ids.length; b++) {
                        ids[b] = (b * 5 + size) % 11;
                    }
                    float[][] block = new float[size][numItems];
                    scorer.scoreBlock(ids, 1, 1 + size, block);
                    float[] all = new float[numItems];
                    float[] vector = new float[numItems];
                    for (int b = 0; b < size; b++) {
                        int user = ids[1 + b];
                        scorer.scoreAll(user, all);
                        scorer.scoreVector(java.util.Arrays.copyOfRange(scorer.userEmbeddings(), user * dim, user * dim + dim), vector);
                        for (int i = 0; i < numItems; i++) {
                            int expected = Float.floatToRawIntBits(scorer.score(user, i));
                            if (Float.floatToRawIntBits(block[b][i]) != expected || Float.floatToRawIntBits(all[i]) != expected
                                    || Float.floatToRawIntBits(vector[i]) != expected) {
                                throw new AssertionError("dim " + dim + ", " + numItems + " items, block of " + size + ": user " + user
                                        + " item " + i + " score " + scorer.score(user, i) + " block " + block[b][i] + " all " + all[i]
                                        + " vector " + vector[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Xavier-uniform rows with about one entry in eight set to +0 or -0. */
    private static EmbeddingTable withZeros(int rows, int dim, long seed) {
        EmbeddingTable t = EmbeddingTable.xavierUniform(rows, dim, new SplittableRandom(seed));
        SplittableRandom rng = new SplittableRandom(~seed);
        float[] data = t.data();
        for (int k = 0; k < data.length; k++) {
            int r = rng.nextInt(16);
            if (r == 0) {
                data[k] = 0f;
            } else if (r == 1) {
                data[k] = -0f;
            }
        }
        return t;
    }
}
