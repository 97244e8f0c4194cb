package dev.unkd.bench;

import java.util.Arrays;

/**
 * The blocked kernel FactorScorer had before the 2-user x 4-dimension passes (4 users x 1
 * dimension: every dimension loads and stores four accumulator rows), kept only so benchmarks
 * can time the two side by side. Same tiles, slices and bits as FactorScorer.
 */
final class PreviousScoreBlock {
    private static final int TILE = 512;

    private final int numItems;
    private final int dim;
    private final float[] users;
    private final float[][] slices;
    private final float[][] acc = new float[4][TILE];

    PreviousScoreBlock(float[] users, float[] items, int numItems, int dim) {
        this.numItems = numItems;
        this.dim = dim;
        this.users = users;
        int tiles = (numItems + TILE - 1) / TILE;
        slices = new float[tiles * dim][];
        for (int t = 0; t < tiles; t++) {
            int t0 = t * TILE;
            int len = Math.min(numItems, t0 + TILE) - t0;
            for (int d = 0; d < dim; d++) {
                float[] s = new float[len];
                for (int j = 0; j < len; j++) {
                    s[j] = items[(t0 + j) * dim + d];
                }
                slices[t * dim + d] = s;
            }
        }
    }

    void scoreBlock(int[] userIds, int from, int to, float[][] out) {
        float[] a0 = acc[0];
        float[] a1 = acc[1];
        float[] a2 = acc[2];
        float[] a3 = acc[3];
        for (int t = 0, t0 = 0; t0 < numItems; t++, t0 += TILE) {
            int len = Math.min(numItems - t0, TILE);
            int b = from;
            for (; b + 4 <= to; b += 4) {
                int p0 = userIds[b] * dim;
                int p1 = userIds[b + 1] * dim;
                int p2 = userIds[b + 2] * dim;
                int p3 = userIds[b + 3] * dim;
                Arrays.fill(a0, 0, len, 0f);
                Arrays.fill(a1, 0, len, 0f);
                Arrays.fill(a2, 0, len, 0f);
                Arrays.fill(a3, 0, len, 0f);
                for (int d = 0; d < dim; d++) {
                    float u0 = users[p0 + d];
                    float u1 = users[p1 + d];
                    float u2 = users[p2 + d];
                    float u3 = users[p3 + d];
                    float[] s = slices[t * dim + d];
                    for (int j = 0; j < len; j++) {
                        float x = s[j];
                        a0[j] += u0 * x;
                        a1[j] += u1 * x;
                        a2[j] += u2 * x;
                        a3[j] += u3 * x;
                    }
                }
                System.arraycopy(a0, 0, out[b - from], t0, len);
                System.arraycopy(a1, 0, out[b - from + 1], t0, len);
                System.arraycopy(a2, 0, out[b - from + 2], t0, len);
                System.arraycopy(a3, 0, out[b - from + 3], t0, len);
            }
            for (; b < to; b++) {
                int pu = userIds[b] * dim;
                Arrays.fill(a0, 0, len, 0f);
                for (int d = 0; d < dim; d++) {
                    float u = users[pu + d];
                    float[] s = slices[t * dim + d];
                    for (int j = 0; j < len; j++) {
                        a0[j] += u * s[j];
                    }
                }
                System.arraycopy(a0, 0, out[b - from], t0, len);
            }
        }
    }
}
