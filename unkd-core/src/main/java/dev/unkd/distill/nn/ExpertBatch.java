package dev.unkd.distill.nn;

import java.util.Arrays;

/**
 * A tile of up to {@link #capacity()} entities of one side that
 * {@link MixtureOfExperts#lossAndGradient(MixtureOfExperts.Weights, ExpertBatch, MixtureOfExperts.Weights)}
 * computes together, and the scratch it needs: the entities' student and teacher embeddings,
 * Gumbel noise and weights as filled by {@link #add}, then their losses, with the student gradients
 * added to the destinations given to {@link #add}.
 *
 * <p>Layout: every matrix is held column-wise, one zero-based array per feature with the
 * entities (or an expert's active entities) along it, so that the kernels' inner loops run over
 * entities with a single index, which HotSpot's C2 vectorises (it does not vectorise a loop whose
 * arrays are indexed with different offsets, as they may alias). Each expert keeps its own
 * columns, grown to the most entities it has served. One instance per thread.
 */
public final class ExpertBatch {
    private final int capacity;
    private final int experts;
    private final int studentDim;
    private final int hidden;
    private final int teacherDim;
    private int size;

    // per entity of the tile
    final float[][] student;
    final float[][] teacher;
    final float[] noise;
    final float[] twoWeight;
    final double[] weight;
    final double[] loss;
    final float[][] destination;
    final int[] destinationOffset;
    final float[] p;
    final float[] z;
    final float[] dz;
    final float[][] logits;
    final float[][] dlogits;
    final float[][] mix;
    final float[][] studentGradient;
    final float[] row;
    final float[] rowGradient;
    final float[] rowOut;

    // per expert: its active entities and their columns
    final int[] active;
    final int[][] members;
    final float[][] memberWeight;
    final float[][][] memberStudent;
    final float[][][] hiddenUnits;
    final float[][][] outputs;

    // shared scratch of the backward pass, at least as wide as the widest expert
    float[][] gathered = new float[0][];
    float[][] hiddenGradient = new float[0][];
    float[][] inputGradient = new float[0][];
    float[][] acc = new float[0][];
    final float[][] rows;
    final int[] live;

    /** Scratch for tiles of up to {@code capacity} entities of {@code moe}. */
    public ExpertBatch(MixtureOfExperts moe, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Invalid tile capacity: " + capacity);
        }
        this.capacity = capacity;
        this.experts = moe.numExperts();
        this.studentDim = moe.studentDim();
        this.hidden = moe.expert(0).hidden();
        this.teacherDim = moe.teacherDim();
        student = new float[studentDim][capacity];
        teacher = new float[teacherDim][capacity];
        noise = new float[capacity * experts];
        twoWeight = new float[capacity];
        weight = new double[capacity];
        loss = new double[capacity];
        destination = new float[capacity][];
        destinationOffset = new int[capacity];
        p = new float[capacity * experts];
        z = new float[capacity * experts];
        dz = new float[capacity * experts];
        logits = new float[experts][capacity];
        dlogits = new float[experts][capacity];
        mix = new float[teacherDim][capacity];
        studentGradient = new float[studentDim][capacity];
        row = new float[experts];
        rowGradient = new float[experts];
        rowOut = new float[experts];
        active = new int[experts];
        members = new int[experts][0];
        memberWeight = new float[experts][0];
        memberStudent = new float[experts][][];
        hiddenUnits = new float[experts][][];
        outputs = new float[experts][][];
        for (int e = 0; e < experts; e++) {
            memberStudent[e] = new float[studentDim][0];
            hiddenUnits[e] = new float[hidden][0];
            outputs[e] = new float[teacherDim][0];
        }
        rows = new float[capacity][Math.max(Math.max(hidden, teacherDim), Math.max(studentDim, experts))];
        live = new int[capacity];
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /** Empties the tile. */
    public void clear() {
        size = 0;
    }

    /**
     * Adds an entity: its student embedding s[sOff..), teacher embedding t[tOff..), its Gumbel
     * noise g[gOff..gOff + experts), the weight of its loss and the row ds[dsOff..) its student
     * gradient is added to. Returns its index in the tile.
     */
    public int add(float[] s, int sOff, float[] t, int tOff, float[] g, int gOff, double lossWeight, float[] ds, int dsOff) {
        if (size == capacity) {
            throw new IllegalStateException("tile full");
        }
        int i = size++;
        for (int k = 0; k < studentDim; k++) {
            student[k][i] = s[sOff + k];
        }
        for (int j = 0; j < teacherDim; j++) {
            teacher[j][i] = t[tOff + j];
        }
        System.arraycopy(g, gOff, noise, i * experts, experts);
        weight[i] = lossWeight;
        twoWeight[i] = (float) (2 * lossWeight);
        destination[i] = ds;
        destinationOffset[i] = dsOff;
        return i;
    }

    /** The weighted loss of entity i of the last computed tile. */
    public double loss(int i) {
        return loss[i];
    }

    /** The expert of entity i's largest gate probability in the last computed tile (ties: the first; 0 with one expert). */
    public int strongestExpert(int i) {
        if (experts == 1) {
            return 0;
        }
        int best = 0;
        for (int e = 1; e < experts; e++) {
            if (p[i * experts + e] > p[i * experts + best]) {
                best = e;
            }
        }
        return best;
    }

    /** Makes room for m active entities of expert e. */
    void ensureExpert(int e, int m) {
        if (members[e].length >= m) {
            return;
        }
        int cap = Math.min(capacity, Math.max(m, 2 * members[e].length));
        members[e] = new int[cap];
        memberWeight[e] = new float[cap];
        memberStudent[e] = new float[studentDim][cap];
        hiddenUnits[e] = new float[hidden][cap];
        outputs[e] = new float[teacherDim][cap];
        if (gathered.length == 0 || gathered[0].length < cap) {
            gathered = new float[teacherDim][cap];
            hiddenGradient = new float[hidden][cap];
            inputGradient = new float[studentDim][cap];
            acc = new float[4][cap];
        }
    }

    static void clearRows(float[][] rows, int m) {
        for (float[] r : rows) {
            Arrays.fill(r, 0, m, 0f);
        }
    }
}
