package dev.unkd.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A rows x dim table of float embeddings, row-major. */
public final class EmbeddingTable {
    private final int rows;
    private final int dim;
    private final float[] data;

    public EmbeddingTable(int rows, int dim) {
        this(rows, dim, new float[Math.multiplyExact(rows, dim)]);
    }

    public EmbeddingTable(int rows, int dim, float[] data) {
        if (rows < 0 || dim < 1) {
            throw new IllegalArgumentException("Invalid embedding shape: " + rows + " x " + dim);
        }
        if (data.length != (long) rows * dim) {
            throw new IllegalArgumentException("embedding data has " + data.length + " floats, expected " + rows + " x " + dim);
        }
        this.rows = rows;
        this.dim = dim;
        this.data = data;
    }

    /** Xavier (Glorot) uniform init of a rows x dim matrix, PyTorch's fan rule: U(-a, a), a = sqrt(6 / (rows + dim)). */
    public static EmbeddingTable xavierUniform(int rows, int dim, SplittableRandom rng) {
        EmbeddingTable t = new EmbeddingTable(rows, dim);
        double a = Math.sqrt(6.0 / (rows + dim));
        for (int k = 0; k < t.data.length; k++) {
            t.data[k] = (float) ((rng.nextDouble() * 2 - 1) * a);
        }
        return t;
    }

    /** Normal(0, std) init (LightGCN uses std 0.1). */
    public static EmbeddingTable normal(int rows, int dim, double std, SplittableRandom rng) {
        EmbeddingTable t = new EmbeddingTable(rows, dim);
        for (int k = 0; k < t.data.length; k += 2) {
            // Box-Muller, two values per draw
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            t.data[k] = (float) (std * r * Math.cos(2 * Math.PI * u2));
            if (k + 1 < t.data.length) {
                t.data[k + 1] = (float) (std * r * Math.sin(2 * Math.PI * u2));
            }
        }
        return t;
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** The backing array (row r occupies [r*dim, (r+1)*dim)). */
    public float[] data() {
        return data;
    }

    public float get(int row, int col) {
        return data[row * dim + col];
    }

    public float[] row(int r) {
        return Arrays.copyOfRange(data, r * dim, (r + 1) * dim);
    }

    /**
     * The flat index of the first NaN or infinite value, or -1 when all are finite. One pass
     * over the floats (rows x dim compares, far less than one epoch's work on the same table).
     */
    public long firstNonFinite() {
        for (int k = 0; k < data.length; k++) {
            if (!Float.isFinite(data[k])) {
                return k;
            }
        }
        return -1;
    }

    /** "NaN at row 3, column 7", or empty when every value is finite. */
    public java.util.Optional<String> describeNonFinite() {
        long k = firstNonFinite();
        if (k < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(data[(int) k] + " at row " + (k / dim) + ", column " + (k % dim));
    }

    public EmbeddingTable copy() {
        return new EmbeddingTable(rows, dim, data.clone());
    }

    public void copyFrom(EmbeddingTable other) {
        if (other.rows != rows || other.dim != dim) {
            throw new IllegalArgumentException("shape mismatch " + other.rows + "x" + other.dim + " vs " + rows + "x" + dim);
        }
        System.arraycopy(other.data, 0, data, 0, data.length);
    }
}
