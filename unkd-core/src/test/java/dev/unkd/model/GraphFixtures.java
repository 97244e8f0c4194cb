package dev.unkd.model;

import dev.unkd.data.Interactions;
import java.util.SplittableRandom;

/** Small training graphs and a dense double-precision LightGCN used as the reference in tests. */
final class GraphFixtures {
    private GraphFixtures() {
    }

    /**
     * 4 users x 5 items: user 3 has no training items and item 4 no users (both have all-zero rows
     * and columns in Â); user 2 and item 1 have the highest degrees.
     */
    static Interactions tiny() {
        return Interactions.of(4, 5, new int[] {0, 0, 1, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 0, 3, 1});
    }

    /** Random pairs with a skewed item distribution (duplicates dropped, so slightly fewer pairs). */
    static Interactions random(int users, int items, int pairs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] u = new int[pairs];
        int[] i = new int[pairs];
        for (int k = 0; k < pairs; k++) {
            u[k] = rng.nextInt(users);
            double x = rng.nextDouble();
            i[k] = (int) (x * x * items);
        }
        return Interactions.of(users, items, u, i);
    }

    /** Â as a dense (n + m) x (n + m) matrix, users first. */
    static double[][] denseAdjacency(Interactions train) {
        int n = train.numUsers();
        int size = n + train.numItems();
        double[][] a = new double[size][size];
        for (int u = 0; u < n; u++) {
            for (int k = train.userStart(u); k < train.userEnd(u); k++) {
                int i = train.userItemArray()[k];
                double w = 1 / Math.sqrt((double) train.userDegree(u) * train.itemDegree(i));
                a[u][n + i] = w;
                a[n + i][u] = w;
            }
        }
        return a;
    }

    /** [users; items] as a dense (n + m) x dim matrix. */
    static double[][] stack(EmbeddingTable users, EmbeddingTable items) {
        int n = users.rows();
        double[][] e = new double[n + items.rows()][users.dim()];
        for (int r = 0; r < e.length; r++) {
            for (int d = 0; d < users.dim(); d++) {
                e[r][d] = r < n ? users.get(r, d) : items.get(r - n, d);
            }
        }
        return e;
    }

    static double[][] multiply(double[][] a, double[][] x) {
        double[][] y = new double[a.length][x[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a.length; c++) {
                if (a[r][c] != 0) {
                    for (int d = 0; d < x[0].length; d++) {
                        y[r][d] += a[r][c] * x[c][d];
                    }
                }
            }
        }
        return y;
    }

    /** The mean of layers 0..L computed literally: E(k+1) = Â E(k), in double precision. */
    static double[][] denseFinal(Interactions train, EmbeddingTable users, EmbeddingTable items, int layers) {
        double[][] a = denseAdjacency(train);
        double[][] layer = stack(users, items);
        double[][] sum = new double[layer.length][layer[0].length];
        for (int k = 0; k <= layers; k++) {
            if (k > 0) {
                layer = multiply(a, layer);
            }
            for (int r = 0; r < sum.length; r++) {
                for (int d = 0; d < sum[0].length; d++) {
                    sum[r][d] += layer[r][d] / (layers + 1);
                }
            }
        }
        return sum;
    }
}
